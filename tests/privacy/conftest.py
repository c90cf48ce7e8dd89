"""A practitioner who has touched every app of the platform, built with the factories."""

from datetime import timedelta

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from crossborder.accounts.models import ApiToken
from crossborder.audit.models import record, record_view
from crossborder.credentials.issuing import issue_attendance
from crossborder.enrolment.models import Application, SessionAttendance
from crossborder.evaluation.models import (
    KnowledgeForm,
    KnowledgeTest,
    Sitting,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from crossborder.labs.models import Flag, Submission
from crossborder.learning.models import Answer, Attempt, Lesson, LessonView, Module, Question, Quiz
from crossborder.library.models import Comment, Entry
from crossborder.seminars.models import Attendance, CalendarToken
from crossborder.workshops.models import Draft, DraftComment, Exercise, ExerciseRun
from tests.factories import TOTP_SECRET, make_speaker
from tests.labs.world import make_lab_world

MOTIVATION = "I lead the anti-trafficking unit of the Zagreb police and handle cases with Graz."
ESSAY = "In my unit in Zagreb we first interview the victim with a cultural mediator."
SURVEY_TEXT = "Since the seminar I called my colleague in Graz twice about a case."
COMMENT = "We did the same in Split with the labour inspectorate."
DRAFT_COMMENT = "Our office in Zagreb can lead on the financial side."
FLAG_NOTE = "Same phone number as the Zagreb flat I searched last year."


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def touch_everything(person, *, manager):
    """`person` (with a profile) applies, attends, learns, answers, comments, flags and is
    certified: a row in every app that holds personal data. Returns what the tests look for."""
    now = timezone.now()
    TOTP.activate(person, TOTP_SECRET)
    RecoveryCodes.activate(person)
    api_token, api_secret = ApiToken.issue(user=person, name="Case-file script")
    # seminars, enrolment, workshops, labs: a lab world with the person in group 1
    lab, groups = make_lab_world(participant=person, slug="lisbon")
    seminar = lab.workshop.seminar
    application = Application.objects.get(user=person, call__seminar=seminar)
    Application.objects.filter(pk=application.pk).update(
        status="attended",
        checked_in_at=now,
        motivation=MOTIVATION,
        nominator_email="director@policija.example.hr",
        nomination_token="nomination-secret-123",
    )
    session = seminar.sessions.exclude(kind="break").first()
    SessionAttendance.objects.create(session=session, application=application, present=True)
    Attendance.objects.create(user=person, session=session)
    calendar = CalendarToken.for_user(person)
    speaker = make_speaker("ana-horvat", person.get_full_name(), user=person, bio="Police, HR.")
    exercise = Exercise.objects.create(slug="jit", title="JIT", case_file="Case", checklist=[])
    run = ExerciseRun.objects.create(exercise=exercise, workshop=lab.workshop, status="open")
    draft = Draft.objects.create(run=run, group=groups[0], content={"purpose": {"d": "x"}})
    DraftComment.objects.create(draft=draft, section="purpose", body=DRAFT_COMMENT, author=person)
    submission = Submission.objects.create(lab=lab, group=groups[0], submitted_by=person)
    Flag.objects.create(
        submission=submission,
        entity=lab.entities.first(),
        category="third_party",
        note=FLAG_NOTE,
        created_by=person,
    )
    # learning and authoring: a lesson read, an essay answered, a module co-owned
    module = Module.objects.create(slug="indicators", title="Indicators of THB", level="public")
    module.owners.add(person)
    lesson = Lesson.objects.create(module=module, order=1, slug="l1", title="Signs", body="…")
    LessonView.objects.create(user=person, lesson=lesson)
    quiz = Quiz.objects.create(module=module)
    essay = Question.objects.create(module=module, key="essay", kind="essay", text="Explain.")
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=person,
        number=1,
        question_ids=[essay.pk],
        deadline=now + timedelta(minutes=30),
        submitted_at=now,
        score=0.8,
        max_score=1,
        passed=True,
    )
    Answer.objects.create(
        attempt=attempt, question=essay, response=ESSAY, score=0.8, feedback="Good, Ana."
    )
    # library: a submitted practice and a comment on a published one
    Entry.objects.create(
        slug="zagreb-interviews",
        kind="practice",
        title="Interviews with a mediator in Zagreb",
        summary="How we interview.",
        body=MOTIVATION,
        status="submitted",
        author=person,
        access="registered",
    )
    published = Entry.objects.create(
        slug="nail-bars", kind="practice", title="Nail bars", summary="s", body="b",
        access="registered",
    )  # fmt: skip
    Comment.objects.create(entry=published, author=person, body=COMMENT)
    # evaluation: a knowledge test sitting, a named follow-up survey answered in words
    test = KnowledgeTest.objects.create(seminar=seminar, created_by=manager)
    form_quiz = Quiz.objects.create(
        module=Module.objects.create(slug="kt-a", title="Knowledge test A", level="registered")
    )
    form = KnowledgeForm.objects.create(test=test, letter="A", quiz=form_quiz)
    sitting_attempt = Attempt.objects.create(
        quiz=form_quiz, user=person, number=1, deadline=now, submitted_at=now, score=6,
        max_score=10,
    )  # fmt: skip
    Sitting.objects.create(test=test, user=person, phase="pre", form=form, attempt=sitting_attempt)
    survey = Survey.objects.create(
        seminar=seminar, kind="followup", title="Six months on", anonymous=False,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=10),
    )  # fmt: skip
    asked = SurveyQuestion.objects.create(survey=survey, kind="text", text="What changed?")
    invitation = SurveyInvitation.objects.create(survey=survey, user=person, answered=True)
    response = SurveyResponse.objects.create(survey=survey, respondent=person, submitted_at=now)
    SurveyAnswer.objects.create(response=response, question=asked, text=SURVEY_TEXT)
    # credentials: the certificate of attendance
    credential = issue_attendance(Application.objects.get(pk=application.pk), by=manager)
    # audit: the person's own action, and a manager looking at their profile
    record(actor=person, action="profile.update", obj=person.profile)
    record_view(actor=manager, obj=person.profile, what="profile")
    return {
        "api_secret": api_secret,
        "api_hint": api_token.hint,
        "calendar_token": calendar.token,
        "invitation_token": invitation.token,
        "badge_code": application.badge_code,
        "credential": credential,
        "speaker": speaker,
        "seminar": seminar,
    }


@pytest.fixture
def everywhere(participant, manager):
    return touch_everything(participant, manager=manager)
