"""The application lifecycle through HTTP, with its emails and audit entries."""

import html
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from crossborder.audit.models import AuditEntry
from crossborder.enrolment import services
from crossborder.enrolment.models import Application, Question, SelectionRun
from tests.factories import make_applicant, make_call, make_seminar

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def call():
    return make_call(make_seminar(sessions=False, capacity=3))


def test_it_takes_an_application_and_confirms_it_by_email(
    client_of, participant, call, django_capture_on_commit_callbacks
):
    c = client_of(participant)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            "/seminars/vienna/apply/",
            {"motivation": "I lead THB investigations in Zagreb.", "submit": "1"},
        )
    assert r.status_code == 302
    application = Application.objects.get(user=participant)
    assert application.status == S.SUBMITTED
    assert (application.country, application.profession) == ("HR", "law_enforcement")
    assert (
        mail.outbox[-1].subject == "Application received: Investigating trafficking across borders"
    )
    assert AuditEntry.objects.filter(action="application.submit").exists()
    body = c.get("/applications/").content.decode()
    assert "Submitted" in body


def test_it_writes_to_the_applicant_in_their_language(
    client_of, participant, call, django_capture_on_commit_callbacks
):
    participant.language = "fr"
    participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_of(participant).post("/seminars/vienna/apply/", {"motivation": "x", "submit": "1"})
    assert mail.outbox[-1].subject.startswith("Candidature reçue")


def test_it_refuses_a_second_application(client_of, participant, call):
    c = client_of(participant)
    c.post("/seminars/vienna/apply/", {"motivation": "First.", "submit": "1"})
    r = c.post("/seminars/vienna/apply/", {"motivation": "Second.", "submit": "1"}, follow=True)
    assert "You have already applied to this seminar." in r.content.decode()
    assert Application.objects.get(user=participant).motivation == "First."


def test_it_refuses_applications_after_the_deadline(client_of, participant, call):
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()
    r = client_of(participant).post(
        "/seminars/vienna/apply/", {"motivation": "Late.", "submit": "1"}, follow=True
    )
    assert "The call for applications is closed." in r.content.decode()
    assert Application.objects.get(user=participant).status == S.DRAFT


def test_it_refuses_practitioners_the_call_is_not_for(client_of, participant, call):
    call.eligible_countries = ["AT", "DE"]
    call.save()
    r = client_of(participant).post(
        "/seminars/vienna/apply/", {"motivation": "x", "submit": "1"}, follow=True
    )
    assert "This call is not open to practitioners working in Croatia." in r.content.decode()
    assert not Application.objects.filter(status=S.SUBMITTED).exists()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("cv.exe", 100, "Files of type “exe” are not accepted here; use pdf."),
        ("cv.pdf", 3 * 1024 * 1024, "The file is too large (3.0 MB); the limit is 2 MB."),
    ],
)
def test_it_refuses_bad_uploads(client_of, participant, call, name, size, message):
    Question.objects.create(
        call=call, label="Your CV", kind="file", required=True, max_mb=2, allowed_types=["pdf"]
    )
    upload = SimpleUploadedFile(name, b"%PDF" + b"0" * size, content_type="application/pdf")
    r = client_of(participant).post(
        "/seminars/vienna/apply/",
        {"motivation": "x", "submit": "1", f"q{call.questions.get().pk}": upload},
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Application.objects.exists()


def test_it_selects_overrides_publishes_and_notifies(
    client_of, manager, call, django_capture_on_commit_callbacks
):
    people = [
        make_applicant(call, i, profession=p, gender=g)
        for i, (p, g) in enumerate(
            [
                ("judge", "female"),
                ("judge", "male"),
                ("prosecutor", "female"),
                ("law_enforcement", "male"),
                ("civil_society", "female"),
            ]
        )
    ]
    c = client_of(manager)
    # The run is queued, and solved by its task once the transaction commits (the tests' task
    # backend runs it at once); the manager follows it on its status page.
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            "/manage/seminars/vienna/selection/",
            {
                "seats": 3,
                "max_per_country": "",
                "max_per_organisation": "",
                "women_min_share": 40,
                "women_max_share": 70,
                "weight_first_time": 3,
                "weight_new_country": 2,
                "weight_nominated": 1,
                "min_judge": 1,
                "max_judge": 1,
                "min_civil_society": 1,
            },
        )
    run = SelectionRun.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/manage/seminars/vienna/selection/{run.pk}/"
    assert run.status == SelectionRun.Status.DONE
    status = c.get(r["Location"]).content.decode()
    assert "Done: the selection is computed." in status and 'hx-trigger="every 2s"' not in status
    assert len(run.result["selected"]) == 3
    assert run.result["relaxed"] == {}
    page = c.get("/manage/seminars/vienna/selection/").content.decode()
    assert "Every target is met." in page
    # Override: bring in someone the solver left out.
    left_out = run.result["waiting"][0]
    c.post(
        f"/manage/seminars/vienna/selection/{run.pk}/override/",
        {"application": left_out, "decision": "select"},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/manage/seminars/vienna/selection/{run.pk}/publish/")
    statuses = {a.pk: a.status for a in Application.objects.all()}
    assert statuses[left_out] == S.SELECTED
    assert list(statuses.values()).count(S.SELECTED) == 4
    assert list(statuses.values()).count(S.WAITLISTED) == 1
    assert len(mail.outbox) == 5
    assert (
        Application.objects.get(pk=left_out).decision_reason == "Selected by the programme manager."
    )
    assert {p.pk for p in people} == set(statuses)


def test_it_keeps_confirmed_within_capacity_and_waitlists_the_rest(client_of, call):
    selected = [make_applicant(call, i, status=S.SELECTED) for i in range(5)]
    for a in selected:
        a.confirm_by = timezone.now() + timedelta(days=3)
        a.save()
    for a in selected:
        client_of(a.user).post(f"/applications/{a.pk}/confirm/")
    statuses = [Application.objects.get(pk=a.pk).status for a in selected]
    assert statuses == [S.CONFIRMED] * 3 + [S.WAITLISTED] * 2


def test_it_offers_a_freed_seat_to_the_next_person_and_expires_old_offers(
    client_of, call, django_capture_on_commit_callbacks
):
    confirmed = [make_applicant(call, i, status=S.CONFIRMED) for i in range(3)]
    waiting = [make_applicant(call, 10 + i, status=S.WAITLISTED) for i in range(2)]
    for rank, a in enumerate(waiting, 1):
        a.waitlist_rank = rank
        a.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_of(confirmed[0].user).post(f"/applications/{confirmed[0].pk}/withdraw/")
    first = Application.objects.get(pk=waiting[0].pk)
    assert first.status == S.SELECTED and first.confirm_by > timezone.now()
    assert [m.subject for m in mail.outbox][-1].startswith("A place has become free")
    # The offer lapses: confirming is refused, the seat moves on.
    Application.objects.filter(pk=first.pk).update(confirm_by=timezone.now() - timedelta(minutes=1))
    r = client_of(first.user).post(f"/applications/{first.pk}/confirm/", follow=True)
    assert "This offer has expired." in r.content.decode()
    assert services.expire_offers(call=call) == 1
    assert Application.objects.get(pk=first.pk).status == S.EXPIRED
    assert Application.objects.get(pk=waiting[1].pk).status == S.SELECTED


def test_once_the_seminar_has_begun_nobody_withdraws_and_no_place_is_offered(
    client_of, manager, call, django_capture_on_commit_callbacks
):
    """On the first day a withdrawal would only offer a seat nobody can travel to: attendance
    is recorded instead. The day is the seminar's own (its time zone), not the server's."""
    seminar = call.seminar
    seminar.start_date = timezone.localtime(timezone.now(), seminar.tz).date()
    seminar.end_date = seminar.start_date + timedelta(days=1)
    seminar.save()
    confirmed = make_applicant(call, 1, status=S.CONFIRMED)
    waiting = make_applicant(call, 2, status=S.WAITLISTED)
    page = client_of(confirmed.user).get("/applications/").content.decode()
    assert "Your place is confirmed." in page and "Withdraw" not in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = client_of(confirmed.user).post(f"/applications/{confirmed.pk}/withdraw/", follow=True)
    assert "The seminar has begun: an application can no longer be withdrawn." in html.unescape(
        r.content.decode()
    )
    assert Application.objects.get(pk=confirmed.pk).status == S.CONFIRMED
    # a place freed otherwise (the manager's own change) is not offered either
    Application.objects.filter(pk=confirmed.pk).update(status=S.DECLINED)
    assert services.offer_free_seats(call=call, by=None) == []
    url = f"/manage/seminars/{seminar.slug}/waiting-list/"
    staff = client_of(manager)
    listed = html.unescape(staff.get(url).content.decode())
    assert "free places are no longer offered" in listed and "Offer free places now" not in listed
    r = staff.post(url, {"action": "offer"}, follow=True)
    assert "free places are no longer offered" in html.unescape(r.content.decode())
    assert Application.objects.get(pk=waiting.pk).status == S.WAITLISTED
    assert mail.outbox == []
    # the day before, both were still possible
    seminar.start_date += timedelta(days=1)
    seminar.end_date += timedelta(days=1)
    seminar.save()
    assert [a.pk for a in services.offer_free_seats(call=call, by=None)] == [waiting.pk]


def test_it_hides_other_peoples_applications(client_of, participant, call):
    other = make_applicant(call, 1, status=S.SELECTED)
    c = client_of(participant)
    assert c.post(f"/applications/{other.pk}/confirm/").status_code == 404
    r = c.post(f"/api/v1/applications/{other.pk}/confirm")
    assert r.status_code == 404
    assert Application.objects.get(pk=other.pk).status == S.SELECTED


def test_it_confirms_through_the_api_and_reports_the_seats(client, client_of, call):
    a = make_applicant(call, 1, status=S.SELECTED)
    make_applicant(call, 2, status=S.WAITLISTED)
    r = client_of(a.user).post(f"/api/v1/applications/{a.pk}/confirm")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    assert (
        client_of(a.user).post(f"/api/v1/applications/{a.pk}/confirm").json()["status"]
        == "confirmed"
    )
    client.logout()
    seats = client.get("/api/v1/seminars/vienna/seats").json()
    assert seats == {"capacity": 3, "confirmed": 1, "offered": 0, "waitlisted": 1, "free": 2}


def test_it_lists_applications_for_staff_only(client_of, participant, manager, call):
    make_applicant(call, 1)
    assert client_of(participant).get("/api/v1/seminars/vienna/applications").status_code == 403
    data = client_of(manager).get("/api/v1/seminars/vienna/applications").json()
    assert [a["email"] for a in data] == ["applicant1@example.org"]


def test_it_issues_a_badge_with_a_qr_code_once_confirmed(client_of, call, tmp_path):
    a = make_applicant(call, 1, status=S.CONFIRMED)
    r = client_of(a.user).get(f"/applications/{a.pk}/badge.pdf")
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    waiting = make_applicant(call, 2, status=S.WAITLISTED)
    r = client_of(waiting.user).get(f"/applications/{waiting.pk}/badge.pdf", follow=True)
    assert "A badge is issued once the place is confirmed." in r.content.decode()


def test_it_confirms_a_nomination_by_link(
    client, participant, call, django_capture_on_commit_callbacks
):
    call.nomination = "required"
    call.save()
    from tests.factories import current_totp  # noqa: F401 (keeps helpers importable)

    c = client
    c.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(
            "/seminars/vienna/apply/",
            {"motivation": "x", "nominator_email": "head@policija.hr", "submit": "1"},
        )
    application = Application.objects.get(user=participant)
    assert mail.outbox[-1].to == ["head@policija.hr"]
    assert application.nomination_token in mail.outbox[-1].body
    c.logout()
    c.post(f"/nominations/{application.nomination_token}/")
    application.refresh_from_db()
    assert application.nomination_confirmed_at is not None
    assert c.get("/nominations/forged-token/").status_code == 404


def test_it_refuses_a_capacity_below_the_confirmed_places(client_of, manager, call):
    for i in range(3):
        make_applicant(call, i, status=S.CONFIRMED)
    seminar = call.seminar
    data = {
        "title": seminar.title,
        "slug": seminar.slug,
        "programme": seminar.programme_id,
        "city": seminar.city,
        "country": "AT",
        "start_date": seminar.start_date.isoformat(),
        "end_date": seminar.end_date.isoformat(),
        "time_zone": seminar.time_zone,
        "capacity": 2,
        "working_languages": ["en"],
    }
    r = client_of(manager).post(f"/manage/seminars/{seminar.slug}/", data)
    assert r.status_code == 400
    assert "3 people have already confirmed; the capacity cannot be lower." in r.content.decode()
    seminar.refresh_from_db()
    assert seminar.capacity == 3


def test_it_expires_offers_and_moves_on_from_the_scheduler(call):
    from django.core.management import call_command

    make_applicant(call, 1, status=S.CONFIRMED)
    make_applicant(call, 2, status=S.CONFIRMED)
    late = make_applicant(call, 3, status=S.SELECTED)
    Application.objects.filter(pk=late.pk).update(confirm_by=timezone.now() - timedelta(hours=1))
    nxt = make_applicant(call, 4, status=S.WAITLISTED)
    call.seminar.status = "applications_closed"
    call.seminar.save()
    call_command("scheduler", "--once", stdout=io.StringIO())  # the tests' backend runs it now
    assert Application.objects.get(pk=late.pk).status == S.EXPIRED
    assert Application.objects.get(pk=nxt.pk).status == S.SELECTED


@pytest.mark.parametrize(("mb", "valid"), [(0, False), (1, True), (40, True), (41, False)])
def test_a_file_question_allows_no_more_than_a_request_may_carry(mb, valid, settings):
    from crossborder.enrolment.call_forms import QuestionForm

    settings.MAX_REQUEST_BYTES = 40 * 1024 * 1024
    form = QuestionForm(
        data={"order": 1, "label": "Your CV", "kind": "file", "max_mb": mb, "allowed_types": "pdf"},
    )
    assert form.is_valid() is valid
    if not valid:
        assert "Between 1 and 40 MB" in str(form.errors["max_mb"])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("pdf", ["pdf"]),
        ("PDF, .docx; odt", ["pdf", "docx", "odt"]),
        (" ", []),
        ("pdf pdf", ["pdf"]),
    ],
)
def test_a_file_questions_types_are_read_as_a_course_director_writes_them(typed, stored):
    from crossborder.enrolment.call_forms import QuestionForm

    form = QuestionForm(
        data={"order": 1, "label": "Your CV", "kind": "file", "max_mb": 5, "allowed_types": typed}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["allowed_types"] == stored


@pytest.mark.parametrize("typed", ["pdf/../../etc", "docx, *", "x" * 11])
def test_a_file_type_that_is_not_one_is_refused(typed):
    from crossborder.enrolment.call_forms import QuestionForm

    form = QuestionForm(
        data={"order": 1, "label": "Your CV", "kind": "file", "max_mb": 5, "allowed_types": typed}
    )
    assert not form.is_valid()
    assert "is not a file type" in str(form.errors["allowed_types"])


def _call_form(call, *questions: dict) -> dict:
    """The call builder's form, filled as the call stands, with new questions."""
    data = {
        "opens_at": call.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": call.closes_at.strftime("%Y-%m-%d %H:%M"),
        "eligible_professions": list(call.eligible_professions),
        "nomination": call.nomination,
        "confirm_within_days": call.confirm_within_days,
        "offer_hours": call.offer_hours,
        "motivation_required": "on",
        "q-TOTAL_FORMS": str(len(questions)),
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "1000",
    }
    for i, question in enumerate(questions):
        data |= {f"q-{i}-order": str(i + 1), f"q-{i}-max_mb": "5"}
        data |= {f"q-{i}-{name}": value for name, value in question.items()}
    return data


def test_a_calls_questions_are_asked_in_the_applicants_language(
    client_of, participant, manager, call
):
    """The manager writes each question in English and, if they wish, in French and German; an
    applicant reads it in their language, in English where it has no translation."""
    data = _call_form(
        call,
        {
            "label": "Have you taken part in a joint investigation team (JIT) before?",
            "label_fr": "Avez-vous déjà participé à une équipe commune d’enquête (ECE) ?",
            "label_de": "Haben Sie schon in einer gemeinsamen Ermittlungsgruppe mitgearbeitet?",
            "kind": "yes_no",
        },
        {"label": "Which case would you bring?", "kind": "text"},
    )
    r = client_of(manager).post(f"/manage/seminars/{call.seminar.slug}/call/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    jit = call.questions.get(order=1)
    assert jit.label_fr.startswith("Avez-vous") and jit.label_de.startswith("Haben Sie")
    client = client_of(participant)
    expected = {
        "en": ("joint investigation team (JIT)", "Which case would you bring?"),
        "fr": ("équipe commune d’enquête (ECE)", "Which case would you bring?"),
        "de": ("gemeinsamen Ermittlungsgruppe", "Which case would you bring?"),
    }
    for language, (translated, untranslated) in expected.items():
        client.cookies["django_language"] = language
        page = client.get(f"/seminars/{call.seminar.slug}/apply/").content.decode()
        assert f'lang="{language}"' in page
        assert translated in page and untranslated in page  # untranslated: in English


LANGUAGE_QUESTION = {
    "label": "In which language would you work in the workshop?",
    "kind": "choice",
    # one option a line, as a course director types them (Windows browsers send CRLF)
    "choices": "English\r\nFrench\r\nGerman",
    "choices_fr": "anglais\r\nfrançais\r\nallemand\r\n",
    "choices_de": "Englisch\nFranzösisch\n\nDeutsch",
}


def test_a_choice_questions_options_are_offered_and_shown_in_the_readers_language(
    client_of, participant, manager, call
):
    """Options are offered in the applicant's language and stored as the English option, so
    that the list and exports read one value; the course director reads them in theirs."""
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    r = client_of(manager).post(url, _call_form(call, LANGUAGE_QUESTION))
    assert r.status_code == 302, r.content.decode()[:2000]
    question = call.questions.get()
    assert question.choices_fr == ["anglais", "français", "allemand"]
    assert question.choices_de == ["Englisch", "Französisch", "Deutsch"]
    builder = html.unescape(client_of(manager).get(url).content.decode())
    assert ">\nEnglish\nFrench\nGerman</textarea>" in builder  # shown as typed: one a line

    client = client_of(participant)
    client.cookies["django_language"] = "fr"
    form = client.get(f"/seminars/{call.seminar.slug}/apply/").content.decode()
    assert '<option value="German">allemand</option>' in form
    r = client.post(
        f"/seminars/{call.seminar.slug}/apply/",
        {"motivation": "Je dirige des enquêtes.", f"q{question.pk}": "German", "submit": "1"},
    )
    assert r.status_code == 302
    application = Application.objects.get(user=participant)
    assert application.answers == {str(question.pk): "German"}

    staff = client_of(manager)
    page = f"/manage/seminars/{call.seminar.slug}/applications/{application.pk}/"
    for language, shown in (("en", "German"), ("de", "Deutsch"), ("fr", "allemand")):
        staff.cookies["django_language"] = language
        assert f"<dd>{shown}</dd>" in staff.get(page).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("choices_fr", "anglais\nfrançais", "as many choices as in English (3)"),
        ("choices", "English\nEnglish\nGerman", "Each choice must be different"),
        ("choices", "English", "at least two choices"),
        ("choices", "", "at least two choices"),
        ("choices_de", "Englisch\nFranzösisch\n" + "D" * 301, "at most 300 characters"),
    ],
)
def test_options_that_do_not_make_a_choice_are_refused(
    client_of, manager, call, field, value, message
):
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    r = client_of(manager).post(url, _call_form(call, {**LANGUAGE_QUESTION, field: value}))
    assert r.status_code == 400  # the form again, with the message beside the field
    assert message in html.unescape(r.content.decode())
    assert not call.questions.exists()


def _existing(call, **changes) -> dict:
    """The call builder's form as it stands (one question), with `changes` made to it."""
    question = call.questions.get()
    data = _call_form(call)
    data |= {"q-TOTAL_FORMS": "1", "q-INITIAL_FORMS": "1", "q-0-id": str(question.pk)}
    fields = {
        "order": question.order,
        "label": question.label,
        "kind": question.kind,
        "choices": "\r\n".join(question.choices),
        "choices_fr": "\r\n".join(question.choices_fr),
        "choices_de": "\r\n".join(question.choices_de),
        "max_mb": question.max_mb,
        "allowed_types": ", ".join(question.allowed_types),
    }
    data |= {f"q-0-{name}": value for name, value in (fields | changes).items()}
    return data


@pytest.fixture
def answered(client_of, participant, manager, call):
    """The language question, answered “German” by one applicant."""
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    assert client_of(manager).post(url, _call_form(call, LANGUAGE_QUESTION)).status_code == 302
    question = call.questions.get()
    r = client_of(participant).post(
        f"/seminars/{call.seminar.slug}/apply/",
        {"motivation": "I lead investigations.", f"q{question.pk}": "German", "submit": "1"},
    )
    assert r.status_code == 302
    return question


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"choices": "English\r\nFrench\r\nGerman (Deutsch)"},
            "Applicants have chosen “German”: keep it as it is written.",
        ),
        ({"choices": "English\r\nFrench", "choices_fr": "", "choices_de": ""}, "chosen “German”"),
        ({"kind": "text", "choices": "", "choices_fr": "", "choices_de": ""}, "keep its type"),
        (
            {"DELETE": "on"},
            "“In which language would you work in the workshop?” has been answered by 1 "
            "application: it cannot be deleted.",
        ),
    ],
)
def test_what_applicants_answered_stays_as_they_answered_it(
    client_of, manager, call, answered, changes, message
):
    """An answer is stored as the English option: rewording or removing a chosen option, changing
    the question's type or deleting it would leave answers that no longer match the form."""
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    staff = client_of(manager)
    assert "Answered by 1 application" in staff.get(url).content.decode()
    r = staff.post(url, _existing(call, **changes))
    assert r.status_code == 400
    assert message in html.unescape(r.content.decode())
    question = call.questions.get()
    assert (question.kind, question.choices) == ("choice", ["English", "French", "German"])
    assert Application.objects.get(call=call).answers == {str(question.pk): "German"}


def test_options_nobody_chose_may_be_reworded_removed_and_added(client_of, manager, call, answered):
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    changes = {
        "choices": "German\r\nEnglish\r\nItalian\r\nSpanish",
        "choices_fr": "allemand\r\nanglais\r\nitalien\r\nespagnol",
        "choices_de": "",
    }
    r = client_of(manager).post(url, _existing(call, **changes))
    assert r.status_code == 302, html.unescape(r.content.decode())[:3000]
    question = call.questions.get()
    assert question.choices == ["German", "English", "Italian", "Spanish"]
    assert question.option_label("German") == "German"


def test_a_file_question_with_uploads_is_not_deleted(client_of, participant, manager, call):
    url = f"/manage/seminars/{call.seminar.slug}/call/"
    cv = {"label": "Your CV", "kind": "file", "allowed_types": "pdf"}
    assert client_of(manager).post(url, _call_form(call, cv)).status_code == 302
    question = call.questions.get()
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
    r = client_of(participant).post(
        f"/seminars/{call.seminar.slug}/apply/",
        {"motivation": "I lead investigations.", f"q{question.pk}": upload, "submit": "1"},
    )
    assert r.status_code == 302
    r = client_of(manager).post(url, _existing(call, DELETE="on"))
    assert r.status_code == 400
    assert "“Your CV” has been answered by 1 application" in html.unescape(r.content.decode())
    assert call.questions.filter(pk=question.pk).exists()
    assert Application.objects.get(call=call).files.count() == 1
    # the applicant finds their document among what they sent, and downloads it
    mine = Application.objects.get(call=call).files.get()
    link = f"/applications/{mine.application_id}/files/{mine.pk}/"
    page = client_of(participant).get("/applications/").content.decode()
    assert f'href="{link}" download>cv.pdf</a>' in page
    download = client_of(participant).get(link)
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")


def test_applicants_read_what_they_sent_in_their_language(client_of, participant, call, answered):
    """After sending, the form is closed to them; "My applications" shows what they sent: the
    motivation, each answer in their language, their documents; a held seminar points to the
    certificates instead of a badge."""
    client = client_of(participant)
    client.cookies["django_language"] = "de"
    page = html.unescape(client.get("/applications/").content.decode())
    assert "I lead investigations." in page
    assert "<dd>Deutsch</dd>" in page  # the option, as the German form offered it
    application = Application.objects.get(user=participant)
    Application.objects.filter(pk=application.pk).update(status=S.ATTENDED)
    client.cookies["django_language"] = "en"
    page = client.get("/applications/").content.decode()
    assert "You attended this seminar." in page and 'href="/me/credentials/"' in page
    assert "Badge with QR code" not in page


def test_a_draft_is_not_shown_as_sent(client_of, participant, call):
    client = client_of(participant)
    client.post(f"/seminars/{call.seminar.slug}/apply/", {"motivation": "Half written."})
    assert Application.objects.get(user=participant).status == S.DRAFT
    page = client.get("/applications/").content.decode()
    assert "Finish and submit" in page and "What you sent" not in page
