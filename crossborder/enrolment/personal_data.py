"""Personal data of enrolment: the person's applications to seminars (with what they wrote and
uploaded, the decisions and their attendance)."""

from django.utils.translation import gettext_lazy as _

from .models import Application, ApplicationFile, SessionAttendance

LABEL = _("Applications and attendance")


def export(user) -> list:
    applications = (
        Application.objects.filter(user=user)
        .select_related("call__seminar")
        .prefetch_related("files")
        .order_by("created_at")
    )
    present = {}
    for mark in SessionAttendance.objects.filter(application__user=user).select_related("session"):
        present.setdefault(mark.application_id, []).append(
            {"session": mark.session.title, "start": mark.session.start, "present": mark.present}
        )
    return [
        {
            "seminar": a.call.seminar.title,
            "status": a.status,
            "motivation": a.motivation,
            "answers": a.answers,
            "files": [f.original_name for f in a.files.all()],
            "as_applied": {
                "profession": a.profession,
                "country": a.country,
                "organisation": a.organisation,
                "gender": a.gender,
                "first_time": a.first_time,
            },
            "nominating_institution_email": a.nominator_email,
            "nomination_confirmed_at": a.nomination_confirmed_at,
            "decision_reason": a.decision_reason,
            "waiting_list_rank": a.waitlist_rank,
            "created_at": a.created_at,
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
            "confirmed_at": a.confirmed_at,
            "checked_in_at": a.checked_in_at,
            "sessions": present.get(a.pk, []),
        }
        for a in applications
    ]


def erase(user) -> None:
    """Status, profession, country, gender, check-in and session attendance stay (they are the
    reach, diversity and attendance indicators); what the person wrote, uploaded or was said
    about them goes, with their organisation and the nominating institution's address."""
    for upload in ApplicationFile.objects.filter(application__user=user):
        upload.file.delete(save=False)
        upload.delete()
    Application.objects.filter(user=user).update(
        motivation="",
        answers={},
        organisation="",
        nominator_email="",
        nomination_token="",
        decision_reason="",
    )
