"""The demo's surveys on the real programme: most attendees answer, weak sessions come first
with the reasons people gave, the Vienna follow-up has non-response; running it twice adds
nothing."""

import pytest

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.demo.surveys import seed_surveys
from crossborder.evaluation.models import Survey, SurveyResponse
from crossborder.evaluation.surveys import analysis
from crossborder.evaluation.surveys.ratings import WEAK_BELOW
from crossborder.seminars.content import load_programme
from crossborder.seminars.models import Seminar
from tests.factories import make_applicant, make_call

pytestmark = pytest.mark.django_db
HELD = [
    "vienna-2026-law-identification-evidence",
    "lisbon-2026-follow-the-money",
    "warsaw-2026-cyber-enabled-thb",
]


@pytest.fixture
def programme(db):
    if not Tag.objects.exists():
        load_taxonomy(Tag)
    load_programme()
    n = 0
    professions = [
        "judge",
        "prosecutor",
        "law_enforcement",
        "financial_compliance",
        "labour_inspector",
        "civil_society",
    ]
    for slug in HELD:
        call = make_call(Seminar.objects.get(slug=slug))
        for i in range(30):
            n += 1
            make_applicant(call, n, status="attended", profession=professions[i % 6])


def test_the_demo_answers_the_held_seminars_surveys_once(programme):
    counts = seed_surveys()
    assert counts["responses"] > 60
    vienna = Seminar.objects.get(slug=HELD[0])
    summary = analysis.satisfaction_summary([vienna.pk])
    assert summary["response_rate"] > 0.7
    assert 3.6 < summary["overall"]["mean"] < 4.6
    weakest = summary["sessions"][:2]
    assert {s["label"][:20] for s in weakest} <= {
        "Penalties, aggravati",
        "Workshop 1C – Multi-",
    }
    assert all(s["mean"] < WEAK_BELOW for s in weakest)
    results = analysis.survey_results(Survey.objects.get(seminar=vienna, kind="satisfaction"))
    texts = [t for r in results["questions"] for t in r.texts]
    assert any("overcrowded" in t or "list of articles" in t or "real case" in t for t in texts)
    followup = analysis.followup_outcomes([vienna.pk])
    assert 0.4 < followup["response_rate"] < 0.85  # some did not answer
    assert followup["outcomes"]["contacts"]["total"] > 0
    assert (
        SurveyResponse.objects.filter(survey__kind="satisfaction", respondent__isnull=False).count()
        == 0
    )
    # Lisbon's follow-up is running now, with a response rate for the managers' pages.
    running = analysis.running_surveys()
    assert [r["seminar"].slug for r in running] == [HELD[1]]
    assert 0 < running[0]["response_rate"] < 0.7
    before = SurveyResponse.objects.count()
    assert seed_surveys()["responses"] == 0
    assert SurveyResponse.objects.count() == before
