"""The surveys' sections of a seminar's evaluation page: satisfaction and the follow-up."""

from crossborder.evaluation.models import Survey

from .analysis import followup_outcomes, satisfaction_summary

SHOWN = 5  # sessions and speakers listed, weakest first (all of them on the survey's results)


def survey_sections(seminar) -> dict:
    satisfaction = satisfaction_summary([seminar.pk])
    follow_up = followup_outcomes([seminar.pk])
    surveys = {s.kind: s for s in Survey.objects.filter(seminar=seminar)}
    if satisfaction["surveys"]:
        satisfaction["weakest_sessions"] = satisfaction["sessions"][:SHOWN]
        satisfaction["weakest_speakers"] = satisfaction["speakers"][:SHOWN]
    return {
        "satisfaction": satisfaction if satisfaction["surveys"] else None,
        "follow_up": follow_up if follow_up["surveys"] else None,
        "satisfaction_survey": surveys.get(Survey.Kind.SATISFACTION),
        "follow_up_survey": surveys.get(Survey.Kind.FOLLOWUP),
    }
