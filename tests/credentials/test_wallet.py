"""The holder's wallet and `GET /api/v1/me/credentials`: my certificates only, with downloads
and a share link, and the certificates of completion I may take."""

import pytest
from django.utils import timezone

from crossborder.accounts.models import ApiToken, Role
from crossborder.credentials.issuing import issue_attendance
from crossborder.credentials.models import Credential
from tests.factories import make_attendee, make_seminar, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar():
    return make_seminar("vienna-2027", status="held")


def _passed_module(user, slug="thb-law"):
    from crossborder.learning.models import Attempt, Module, Quiz

    module = Module.objects.create(slug=slug, title="THB law and the 2024 reform", level="public")
    quiz = Quiz.objects.create(module=module)
    now = timezone.now()
    Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=1,
        deadline=now,
        submitted_at=now,
        score=9,
        max_score=10,
        passed=True,
    )
    return module


def test_it_lists_my_certificates_only_with_downloads_and_a_share_link(
    client_of, seminar, participant, manager
):
    mine = issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)
    other = make_user("olga@example.org", first_name="Olga", last_name="Ivanova")
    theirs = issue_attendance(make_attendee(seminar, other), by=manager, pdf=False)
    html = client_of(participant).get("/me/credentials/").content.decode()
    assert mine.code in html and theirs.code not in html and "Olga" not in html
    assert f"/verify/{mine.code}/certificate.pdf" in html
    assert f'value="http://127.0.0.1:8000/verify/{mine.code}"' in html
    assert "4.50 CPD hours" in html


def test_it_shows_a_revoked_certificate_without_downloads(client_of, seminar, participant, manager):
    from crossborder.credentials.issuing import revoke_credential

    mine = issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)
    revoke_credential(mine, by=manager, reason="Issued twice")
    html = client_of(participant).get("/me/credentials/").content.decode()
    assert "This certificate was revoked on" in html
    assert f"/verify/{mine.code}/certificate.pdf" not in html and "Issued twice" not in html


def test_a_passed_quiz_lets_me_get_my_certificate_of_completion(client_of, participant):
    module = _passed_module(participant)
    client = client_of(participant)
    assert "Get my certificate" in client.get("/me/credentials/").content.decode()
    r = client.post(f"/me/credentials/completion/{module.slug}/")
    assert r.status_code == 302 and r["Location"] == "/me/credentials/"
    credential = Credential.objects.get(holder=participant, module=module)
    assert credential.kind == "completion" and credential.pdf
    html = client.get("/me/credentials/").content.decode()
    assert credential.code in html and "Get my certificate" not in html
    client.post(f"/me/credentials/completion/{module.slug}/")  # twice: still one
    assert Credential.objects.filter(holder=participant).count() == 1


def test_it_refuses_a_completion_certificate_without_a_passed_quiz(client_of, participant):
    module = _passed_module(make_user("other@example.org"))
    r = client_of(participant).post(f"/me/credentials/completion/{module.slug}/", follow=True)
    assert "needs the module&#x27;s quiz passed" in r.content.decode()
    assert not Credential.objects.filter(holder=participant).exists()


def test_visitors_are_sent_to_sign_in(client):
    r = client.get("/me/credentials/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/api/v1/me/credentials").status_code == 401


def test_the_api_lists_my_certificates_with_a_session_and_with_a_token(
    client, client_of, seminar, participant, manager
):
    issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)
    data = client_of(participant).get("/api/v1/me/credentials").json()
    assert [(c["kind"], c["status"], c["facts"]["holder_name"]) for c in data] == [
        ("attendance", "valid", "Ana Horvat")
    ]
    client.logout()
    trainer = make_user("jan@example.org", role=Role.TRAINER, first_name="Jan", last_name="Peeters")
    issue_attendance(make_attendee(seminar, trainer), by=manager, pdf=False)
    _token, secret = ApiToken.issue(user=trainer, name="CPD register")
    data = client.get("/api/v1/me/credentials", headers={"Authorization": f"Bearer {secret}"})
    assert [c["facts"]["holder_name"] for c in data.json()] == ["Jan Peeters"]


def test_the_wallet_and_the_api_use_a_fixed_number_of_queries(
    client_of, participant, manager, django_assert_max_num_queries
):
    client = client_of(participant)
    for n in range(4):
        seminar = make_seminar(f"s{n}", status="held")
        issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)
        if n == 1:
            client.get("/me/credentials/")  # warm the session
            with django_assert_max_num_queries(5) as few:
                client.get("/me/credentials/")
            with django_assert_max_num_queries(4) as api_few:
                client.get("/api/v1/me/credentials")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/me/credentials/").content.decode()
    assert html.count("credential-card") == 4
    with django_assert_max_num_queries(len(api_few.captured_queries)):
        assert len(client.get("/api/v1/me/credentials").json()) == 4


def test_the_dashboard_and_the_account_menu_lead_to_the_wallet(client_of, participant):
    html = client_of(participant).get("/dashboard/").content.decode()
    assert html.count('href="/me/credentials/"') == 2  # the "My certificates" card and the menu


def test_the_result_of_a_passed_quiz_offers_the_certificate_then_names_it(client_of, participant):
    module = _passed_module(participant)
    attempt = module.quiz.attempts.get()
    client = client_of(participant)
    html = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert (
        "Get my certificate of completion" in html
        and f"/me/credentials/completion/{module.slug}/" in html
    )
    client.post(f"/me/credentials/completion/{module.slug}/")
    credential = Credential.objects.get(holder=participant, module=module)
    html = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert "Get my certificate" not in html and credential.code in html


def test_a_failed_quiz_offers_no_certificate(client_of, participant):
    module = _passed_module(participant)
    attempt = module.quiz.attempts.get()
    attempt.passed = False
    attempt.save()
    html = client_of(participant).get(f"/attempts/{attempt.pk}/").content.decode()
    assert "Not passed yet" in html and "certificate of completion" not in html
