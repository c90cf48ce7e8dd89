"""Issuing certificates: who gets one, and how the hours per curriculum element add up."""

from decimal import Decimal

import pytest

from crossborder.credentials.issuing import NotEligible, issue_attendance, issue_completion
from crossborder.credentials.models import CODE_LENGTH, STATUS_LIST_SIZE, Credential
from tests.factories import make_attendee, make_seminar, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar():
    return make_seminar("vienna-2027", status="held")


def _hours(credential):
    return {line["code"]: Decimal(line["hours"]) for line in credential.facts["hours"]}


def test_it_refuses_a_participant_who_was_not_checked_in(seminar, participant, manager):
    application = make_attendee(seminar, participant, checked_in=False)
    with pytest.raises(NotEligible, match="checked in"):
        issue_attendance(application, by=manager)
    assert not Credential.objects.exists()


def test_it_counts_hours_per_element_splitting_shared_sessions_and_never_breaks(
    seminar, participant, manager
):
    # Act, means, purpose (1.5 h: A), Following the money (1.5 h: B), Demand and impunity
    # (1.5 h: C); the coffee break is marked present too and must not count.
    application = make_attendee(
        seminar,
        participant,
        present=["Act, means, purpose", "Coffee", "Following the money", "Demand and impunity"],
    )
    credential = issue_attendance(application, by=manager)
    assert _hours(credential) == {"A": Decimal("1.50"), "B": Decimal("1.50"), "C": Decimal("1.50")}
    assert Decimal(credential.facts["total_hours"]) == Decimal("4.50")
    assert sum(_hours(credential).values()) == Decimal(credential.facts["total_hours"])


def test_it_counts_parallel_workshops_once(seminar, participant, manager):
    # Marked present at both parallel workshops (11:00–12:30): 1.5 h, not 3.
    application = make_attendee(
        seminar, participant, present=["Following the money", "Identifying victims"]
    )
    credential = issue_attendance(application, by=manager)
    assert Decimal(credential.facts["total_hours"]) == Decimal("1.50")
    assert _hours(credential) == {"B": Decimal("1.50")}  # the one that came first (lower id)


def test_it_splits_a_session_with_several_elements_equally(seminar, participant, manager):
    session = seminar.sessions.get(title="Demand and impunity")
    from crossborder.curriculum.models import Tag

    session.tags.add(Tag.objects.get(code="A"))  # now A and C (and the form O)
    application = make_attendee(seminar, participant, present=["Demand and impunity"])
    credential = issue_attendance(application, by=manager)
    assert _hours(credential) == {"A": Decimal("0.75"), "C": Decimal("0.75")}
    assert credential.facts["total_hours"] == "1.50"


def test_it_freezes_the_facts_in_the_holders_language(seminar, manager):
    person = make_user("marie@example.org", first_name="Marie", last_name="Dupont")
    person.language = "fr"
    person.save(update_fields=["language"])
    credential = issue_attendance(make_attendee(seminar, person), by=manager)
    facts = credential.certified
    assert facts.language == credential.language == "fr"
    assert facts.achievement == "Enquêter sur la traite par-delà les frontières"
    assert facts.place == "Vienna, Autriche"
    assert facts.holder_name == "Marie Dupont"
    assert facts.verify_url == f"http://127.0.0.1:8000/verify/{credential.code}"
    seminar.title_fr = "Autre titre"
    seminar.save()
    credential.refresh_from_db()
    assert credential.certified.achievement == "Enquêter sur la traite par-delà les frontières"


def test_it_issues_once_with_an_unguessable_code_and_a_status_index(seminar, participant, manager):
    application = make_attendee(seminar, participant)
    first = issue_attendance(application, by=manager)
    again = issue_attendance(application, by=manager)
    assert first.pk == again.pk and Credential.objects.count() == 1
    assert len(first.code) == CODE_LENGTH and 0 <= first.status_index < STATUS_LIST_SIZE
    assert first.facts["code"] == first.code and "email" not in str(first.facts)
    from crossborder.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="credential.issue.attendance").count() == 1


def test_it_retries_when_the_status_index_is_taken(seminar, participant, manager, monkeypatch):
    other = make_user("other@example.org", first_name="Olga", last_name="Petrova")
    taken = issue_attendance(make_attendee(seminar, other), by=manager, pdf=False)
    draws = iter([taken.status_index, taken.status_index, 4242])
    monkeypatch.setattr("secrets.randbelow", lambda n: next(draws))
    credential = issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)
    assert credential.status_index == 4242


def test_it_issues_a_completion_certificate_only_after_the_quiz_is_passed(participant):
    from django.utils import timezone

    from crossborder.curriculum.models import Tag
    from crossborder.learning.models import Attempt, Module, Quiz

    make_seminar("x", sessions=False)  # loads the taxonomy
    module = Module.objects.create(
        slug="thb-law", title="THB law", level="registered", duration_minutes=90
    )
    module.tags.set(Tag.objects.filter(code__in=["A", "C", "L"]))
    quiz = Quiz.objects.create(module=module)
    now = timezone.now()
    failed = Attempt.objects.create(
        quiz=quiz, user=participant, number=1, deadline=now, submitted_at=now, score=2, max_score=10
    )
    with pytest.raises(NotEligible):
        issue_completion(participant, module, by=participant)
    Attempt.objects.create(
        quiz=quiz,
        user=participant,
        number=2,
        deadline=now,
        submitted_at=now,
        score=8,
        max_score=10,
        passed=True,
    )
    credential = issue_completion(participant, module, by=participant, pdf=False)
    assert credential.kind == "completion" and credential.module == module
    assert credential.facts["score_percent"] == 80 and credential.facts["place"] == "Online"
    assert _hours(credential) == {"A": Decimal("0.75"), "C": Decimal("0.75")}
    assert credential.facts["start_date"] == timezone.localdate(failed.started_at).isoformat()
