"""Attack strings through the places people type text: every one is stored safely or refused
with a message, never a server error, and wherever it is shown again it is inert.

The strings go through the text fields of the main forms (as a browser would send them, read
from the page itself), the query parameters of the list and search pages, the JSON bodies of the
API's write operations and the names of uploaded files. Then the pages that show them must hold
no live markup made from them (no script, no event handler, no htmx attribute, no javascript:
link, no evaluated template), e-mails keep them out of their subject line, the PDFs still render
and the spreadsheets quote a cell that would start a formula (crossborder/spreadsheets.py).

A NUL byte is refused by every form (PostgreSQL cannot store it, so SQLite must not either).
A lone surrogate cannot travel in UTF-8: forms receive the bytes a client would send for it,
the JSON API the escape `\\ud800` (which a JSON parser turns into a real lone surrogate).

The demo is loaded once for the module (as tests/library/conftest.py loads the content): each
test runs in a savepoint of that transaction.
"""

import csv
import io
import json
import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from crossborder.accounts.models import ApiToken, User
from crossborder.network.models import AbuseReport
from crossborder.spreadsheets import FORMULA_STARTS

SCRIPT = '"><script>alert(1)</script>'
HTMX = '<div hx-get="/x" hx-trigger="load">x</div>'
ATTACKS = {
    "script": SCRIPT,
    "attribute": "' onmouseover='x",
    "attribute-dq": '" onmouseover="x',
    "img": "<img src=x onerror=alert(1)>",
    "javascript-url": "javascript:alert(1)",
    "markdown-link": "[click me](javascript:alert(1)) <a href='javascript:alert(1)'>a</a>",
    "htmx": HTMX,
    "sql": "' OR 1=1 --",
    "fts-quote": '"unclosed',
    "fts-operators": "a AND NOT OR",
    "fts-star": "*",
    "fts-near": "NEAR(",
    "sql-comment": "-- ;",
    "traversal": "../../etc/passwd",
    "traversal-win": "..\\..\\win.ini",
    "template-var": "{{ settings.SECRET_KEY }}",
    "template-tag": "{% debug %}",
    "hyperlink": '=HYPERLINK("http://x","y")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\t=1",
    "carriage-return": "\r=1",
    "overlong": "A" * 100_000,
    "nul": "a\x00b",
    "surrogate": "x\ud800y",
    "rtl": "abc\u202etxt.exe",
    "nfd": "Caf\u0065\u0301 Jose\u0301",
    "emoji": "Judge \U0001f9d1\u200d\u2696\ufe0f",
    "crlf": "a\r\nBcc: x@example.org",
    "cr": "a\rBcc: x@example.org",
}
# Ordinary text for a person to type: each form must keep it (a form that refused everything
# would pass the sweep without proving anything).
KEPT = {
    "script",
    "attribute",
    "htmx",
    "sql",
    "fts-quote",
    "template-var",
    "traversal",
    "hyperlink",
    "rtl",
    "nfd",
    "emoji",
}
IDS = list(ATTACKS)
LIVE_ATTRIBUTES = {"onmouseover", "onerror"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "hx-get", "hx-post", "xlink:href"}


# -- the world: the demo, once per module -------------------------------------------------------


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            yield _world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _world():
    from crossborder.credentials.models import Credential
    from crossborder.enrolment.models import Application, Call, Question
    from crossborder.learning.models import Module
    from crossborder.learning.models import Question as Item
    from crossborder.learning.services import start_attempt
    from crossborder.network.models import CohortPost, ContactRequest
    from crossborder.referrals.models import ReferralProfile
    from tests.factories import make_user

    participant = User.objects.get(email="participant@example.org")
    call = Call.objects.filter(seminar__status="applications_open").select_related("seminar")[0]
    text_q = Question.objects.create(call=call, label="Your experience", kind="text", order=1)
    file_q = Question.objects.create(
        call=call, label="CV", kind="file", order=2, required=False, allowed_types=["pdf"]
    )
    applicant = make_user(
        "applicant@attack.example.org",
        first_name="Ana",
        last_name="Horvat",
        profile={"profession": "prosecutor", "country": "HR", "organisation": "DORH"},
    )
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    for _draw in range(40):  # an attempt whose draw holds a short-answer question
        attempt = start_attempt(quiz=module.quiz, user=participant)
        kinds = dict(Item.objects.filter(pk__in=attempt.question_ids).values_list("pk", "kind"))
        typed = [pk for pk, kind in kinds.items() if kind in ("short", "essay")]
        if "short" in kinds.values():
            break
        attempt.delete()
    assert typed, "no attempt with a typed answer"
    post = CohortPost.objects.shown().exclude(author=participant).select_related("seminar")[0]
    from crossborder.network.models import NetworkListing

    listing = (
        NetworkListing.objects.filter(listed=True)
        .exclude(user=participant)
        .exclude(user__in=ContactRequest.objects.filter(sender=participant).values("recipient"))
        .select_related("user")
        .first()
    )
    seat = (
        Application.objects.filter(user=participant, status__in=Application.SEAT_STATUSES)
        .select_related("call__seminar")
        .first()
    )
    manager = User.objects.get(email="manager@example.org")
    _token, secret = ApiToken.issue(user=manager, name="attack")
    _ptoken, psecret = ApiToken.issue(user=participant, name="attack")
    return {
        "participant": participant,
        "manager": manager,
        "trainer": User.objects.get(email="trainer@example.org"),
        "admin": User.objects.get(email="admin@example.org"),
        "ngo": User.objects.get(email="ngo@example.org"),
        "applicant": applicant,
        "call": call,
        "text_q": text_q,
        "file_q": file_q,
        "attempt": attempt,
        "typed": typed,
        "post": post,
        "listing": listing,
        "contact_request": ContactRequest.objects.get(recipient=participant, status="pending"),
        "referral": ReferralProfile.objects.filter(editors__email="ngo@example.org")[0],
        "seat": seat,
        "credential": Credential.objects.filter(holder=participant).first(),
        "session": call.seminar.sessions.exclude(kind="break").first(),
        "manager_token": secret,
        "participant_token": psecret,
    }


@pytest.fixture
def w(_demo, db):
    return _demo


# -- reading pages ------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """The forms of a page with the values a browser would send as they stand."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower()}
            self._form["fields"] = []
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self._form["fields"].append(
                {"name": a["name"], "type": kind, "value": a.get("value", ""), "on": "checked" in a}
            )
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "multiple": "multiple" in a}
            self._select |= {"options": [], "selected": []}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["selected"].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None:
                self._textarea["value"] = self._textarea["value"].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


class _Live(HTMLParser):
    """What a browser would run or follow on a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._script = [], False

    def handle_starttag(self, tag, attrs):
        self._script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name in LIVE_ATTRIBUTES or (name, value) in (
                ("hx-get", "/x"),
                ("hx-trigger", "load"),
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and re.sub(r"\s", "", value).startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._script and "alert(1)" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self._script = False


def assert_inert(response):
    """No markup made from an attack string is live on the page, no template was evaluated."""
    assert response.status_code < 500, response.status_code
    if "html" not in response.get("Content-Type", ""):
        return ""
    page = response.content.decode()
    live = _Live()
    live.feed(page)
    assert live.found == [], live.found
    assert settings.SECRET_KEY not in page
    assert "sys.modules" not in page and "{'DEFAULT_MESSAGE_LEVELS'" not in page  # {% debug %}
    assert '<div hx-get="/x"' not in page and "<script>alert(1)" not in page
    return page


def forms_of(page):
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def _encode(pairs) -> bytes:
    """A urlencoded body as a browser sends it; a lone surrogate goes as the bytes it would
    have in UTF-8 (which are not UTF-8: the server reads a replacement character)."""
    return urlencode(
        [(k, v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v) for k, v in pairs]
    ).encode()


def query(params: dict) -> str:
    return _encode(params.items()).decode()


TEXT_TYPES = {"text", "search", "textarea"}


def submit_form(client, url, value, *, action=None, skip=(), fill=None, extra=None, files=None):
    """GET the page, fill every text field of its form (the one posting to `action`, or to the
    page itself) with `value`, keep everything else as the page has it, and POST it."""
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    page = r.content.decode()
    target = action or ""
    matching = [
        f
        for f in forms_of(page)
        if f["method"] == "post" and f["action"] in ((target,) if target else ("", url))
    ]
    assert matching, f"no form posting to {action or url} on {url}"
    pairs, filled = [], []
    for field in matching[0]["fields"]:
        name, kind = field["name"], field["type"]
        if kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio"):
            if field["on"]:
                pairs.append((name, field["value"] or "on"))
            continue
        if kind == "select":  # as a browser: the selected options, or a single's first
            chosen = field["selected"] or ([] if field["multiple"] else field["options"][:1])
            pairs += [(name, v) for v in chosen]
            continue
        if kind in TEXT_TYPES and name not in skip:
            pairs.append((name, value))
            filled.append(name)
            continue
        pairs.append((name, field["value"]))
    for name, val in (fill or {}).items():
        pairs = [(k, v) for k, v in pairs if k != name]
        pairs += [(name, v) for v in (val if isinstance(val, list) else [val])]
    pairs += list((extra or {}).items())
    assert filled, f"no text field in the form of {url}"
    post_to = action or url
    if files:
        data = {}
        for k, v in pairs:
            data.setdefault(k, []).append(v)
        response = client.post(post_to, {**data, **files})
    else:
        response = client.post(
            post_to, _encode(pairs), content_type="application/x-www-form-urlencoded"
        )
    return response, filled


def judge(response, key, stored=None, kept=KEPT):
    """Stored (a redirect, or `stored` where the view redirects either way) or refused with a
    message, never a server error; the NUL byte is always refused, ordinary text always kept."""
    assert_inert(response)
    if stored is None:
        stored = response.status_code in (301, 302, 303)
    elif not stored:
        assert response.status_code < 400 or response.status_code in (400, 403, 409, 413, 422)
    if not stored and response.status_code < 300:
        assert response.status_code in (200, 400, 403, 409, 413, 422), response.status_code
        if response.status_code in (200, 400):
            page = response.content.decode()
            assert "field-error" in page or "errorlist" in page or 'role="alert"' in page, (
                "refused without a message"
            )
    if key == "nul":
        assert not stored, "a NUL byte was accepted"
    if key in kept:
        assert stored, f"{key!r} was refused: {_errors(response)}"
    return stored


def _errors(response):
    return re.findall(r'id="(\w+)_error"[^>]*>([^<]*)<', response.content.decode())


def show(client, user, *urls):
    """Every page shown to `user` is inert; their text, joined."""
    client.force_login(user)
    pages = []
    for url in urls:
        r = client.get(url, follow=True)
        assert r.status_code == 200, (url, r.status_code)
        pages.append(assert_inert(r))
    return "\n".join(pages)


def shows_escaped(page, key, value):
    """The markup strings appear escaped where a page shows them (or not at all, where a page
    shortens or sanitises them: the inertness check is the one that matters)."""
    if key in ("script", "htmx"):
        assert escape(value) in page or escape(value)[:30] in page, f"{key} not shown escaped"


# -- forms --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", IDS)
def test_profile(client, w, key):
    value = ATTACKS[key]
    client.force_login(w["participant"])
    r, _ = submit_form(client, "/profile/", value)
    if judge(r, key):
        page = show(
            client,
            w["manager"],
            f"/people/{w['participant'].pk}/",
            "/people/?q=Komenda",
        )
        shows_escaped(page, key, value)
        show(client, w["participant"], "/profile/", "/dashboard/", "/network/me/")


@pytest.mark.parametrize("key", IDS)
def test_application_form_and_its_emails(client, w, key, django_capture_on_commit_callbacks):
    value = ATTACKS[key]
    slug = w["call"].seminar.slug
    client.force_login(w["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        r, _ = submit_form(client, f"/seminars/{slug}/apply/", value, extra={"submit": "1"})
    if judge(r, key):
        assert_mail_headers_clean()
        show(client, w["manager"], f"/manage/seminars/{slug}/applications/")
        show(client, w["applicant"], "/applications/")
        from crossborder.enrolment.models import Application

        application = Application.objects.get(call=w["call"], user=w["applicant"])
        # the course director's page of the application: motivation and answers
        page = show(client, w["manager"], f"/manage/seminars/{slug}/applications/{application.pk}/")
        shows_escaped(page, key, value)
        assert application.motivation.replace("\r\n", "\n") == value.strip().replace(
            "\r\n", "\n"
        ) or key in (
            "surrogate",
            "overlong",
        )


def assert_mail_headers_clean():
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject, message.subject
        message.message().as_bytes()  # the headers can be written


@pytest.mark.parametrize("key", IDS)
def test_library_practice(client, w, key):
    value = ATTACKS[key]
    client.force_login(w["participant"])
    r, _ = submit_form(
        client,
        "/library/practices/new/",
        value,
        fill={"professions": "judge", "tags": "1", "access": "registered", "country": "PL"},
    )
    if judge(r, key):
        page = show(client, w["participant"], r["Location"], "/library/practices/mine/")
        shows_escaped(page, key, value)
        show(client, w["manager"], "/library/moderation/")


PADDING = " — a message long enough for the form"


@pytest.mark.parametrize("key", IDS)
def test_cohort_post_and_its_report(client, w, key, django_capture_on_commit_callbacks):
    value = ATTACKS[key] + PADDING
    slug = w["post"].seminar.slug
    client.force_login(w["participant"])
    with django_capture_on_commit_callbacks(execute=True):
        r, _ = submit_form(client, f"/network/cohorts/{slug}/", value)
    if judge(r, key):
        page = show(client, w["participant"], f"/network/cohorts/{slug}/")
        shows_escaped(page, key, ATTACKS[key])
    report = f"/network/cohorts/{slug}/messages/{w['post'].pk}/report/"
    client.force_login(w["participant"])
    with django_capture_on_commit_callbacks(execute=True):
        r, _ = submit_form(client, report, value)
    if judge(r, key):
        assert_mail_headers_clean()
        show(client, w["manager"], "/manage/network/reports/")


@pytest.mark.parametrize("key", IDS)
def test_contact_request_and_its_report(client, w, key, django_capture_on_commit_callbacks):
    value = ATTACKS[key] + PADDING
    public_id = w["listing"].public_id
    client.force_login(w["participant"])
    with django_capture_on_commit_callbacks(execute=True):
        r, _ = submit_form(
            client,
            f"/network/people/{public_id}/",
            value,
            action=f"/network/people/{public_id}/contact/",
        )
    if judge(r, key):
        assert_mail_headers_clean()
        page = show(client, w["listing"].user, "/network/contacts/")
        shows_escaped(page, key, ATTACKS[key])
    request_id = w["contact_request"].pk
    client.force_login(w["participant"])
    reports = AbuseReport.objects.count()
    r, _ = submit_form(
        client, "/network/contacts/", value, action=f"/network/contacts/{request_id}/report/"
    )
    if judge(r, key, stored=AbuseReport.objects.count() > reports):
        show(client, w["manager"], "/manage/network/reports/")


@pytest.mark.parametrize("key", IDS)
def test_referral_profile(client, w, key):
    value = ATTACKS[key]
    uid = w["referral"].uid
    client.force_login(w["ngo"])
    r, _ = submit_form(
        client,
        f"/referrals/{uid}/edit/",
        value,
        skip={"phone", "hotline", "email", "website"},
        fill={"reviewed": "on"},
    )
    if judge(r, key):
        show(client, w["ngo"], f"/referrals/{uid}/", "/referrals/mine/")
        show(client, w["manager"], "/referrals/approvals/")


@pytest.mark.parametrize("key", IDS)
def test_quiz_typed_answers(client, w, key):
    value = ATTACKS[key]
    attempt = w["attempt"]
    client.force_login(w["participant"])
    for question_id in w["typed"]:
        r = client.post(
            f"/attempts/{attempt.pk}/answers/{question_id}/",
            _encode([("response", value)]),
            content_type="application/x-www-form-urlencoded",
        )
        assert_inert(r)
        assert r.status_code in (200, 204, 302, 400, 409, 422), r.status_code
        if key == "nul":
            from crossborder.learning.models import Answer

            stored = Answer.objects.filter(attempt=attempt, question_id=question_id).first()
            assert stored is None or "\\u0000" not in json.dumps(stored.response), "NUL stored"
    show(client, w["participant"], f"/attempts/{attempt.pk}/")


@pytest.mark.parametrize("key", IDS)
def test_seminar_and_session_editors(client, w, key):
    value = ATTACKS[key]
    slug = w["call"].seminar.slug
    client.force_login(w["manager"])
    r, _ = submit_form(
        client, f"/manage/seminars/{slug}/", value, skip={"slug", "time_zone", "city"}
    )
    if judge(r, key):
        page = show(client, w["manager"], f"/seminars/{slug}/", "/manage/seminars/", "/seminars/")
        shows_escaped(page, key, value)
    session = w["session"]
    client.force_login(w["manager"])
    r, _ = submit_form(client, f"/manage/sessions/{session.pk}/", value, skip={"track"})
    if judge(r, key):
        page = show(client, w["participant"], f"/seminars/{slug}/")
        shows_escaped(page, key, value)


@pytest.mark.parametrize("key", IDS)
def test_module_lesson_and_question_editors(client, w, key):
    value = ATTACKS[key]
    client.force_login(w["trainer"])
    base = "/author/modules/jit-first-30-days/"
    r, _ = submit_form(client, base, value, skip={"slug"})
    if judge(r, key):
        page = show(client, w["trainer"], base, "/author/")
        shows_escaped(page, key, value)
    client.force_login(w["trainer"])
    r, _ = submit_form(client, f"{base}lessons/first-30-days/", value, skip={"slug", "source_urls"})
    # lessons are author HTML: a script or an htmx attribute is refused with the reason
    if judge(r, key, kept=KEPT - {"script", "htmx"}):
        show(client, w["trainer"], f"{base}lessons/first-30-days/", "/learn/jit-first-30-days/")
    client.force_login(w["trainer"])
    r, _ = submit_form(
        client,
        f"{base}questions/new/?kind=essay",
        value,
        action="",
        skip={"idnumber", "source"},
        fill={"s-min_words": "", "s-max_words": "", "source": "https://eur-lex.europa.eu/"},
        extra={"action": "save"},
    )
    if judge(r, key, kept=KEPT - {"script", "htmx"}):  # author HTML: refused with the reason
        page = show(client, w["trainer"], f"{base}questions/")
        shows_escaped(page, key, value)


# -- query parameters of the list and search pages ----------------------------------------------

QUERY_PAGES = [
    ("participant", "/library/", ("q", "kind", "tag", "page", "sort")),
    ("participant", "/network/", ("q", "country", "profession", "tag", "language", "page")),
    ("participant", "/referrals/", ("q", "country", "service", "language", "page")),
    ("participant", "/seminars/", ("q", "page", "status")),
    ("participant", "/learn/", ("q", "tag", "level")),
    ("participant", "/network/cohorts/{cohort}/", ("page",)),
    ("participant", "/verify/", ("code",)),
    ("participant", "/api/v1/library/search", ("q", "kind", "page")),
    ("participant", "/api/v1/referrals/", ("country", "service", "language")),
    ("manager", "/people/", ("q", "profession", "country", "vetting", "page")),
    ("manager", "/manage/seminars/", ("q", "status", "page")),
    ("manager", "/manage/seminars/{seminar}/applications/", ("q", "status", "sort", "page")),
    ("manager", "/manage/surveys/", ("q", "page")),
    ("manager", "/manage/network/reports/", ("status", "page")),
    ("manager", "/referrals/approvals/", ("q", "page")),
    ("trainer", "/grading/", ("module", "status", "page")),
    ("trainer", "/author/modules/jit-first-30-days/questions/", ("q", "category", "tag", "kind")),
    ("manager", "/author/library/", ("q", "page")),
    ("trainer", "/author/sources/", ("q",)),
    ("admin", "/audit/", ("q", "actor", "action", "page")),
]


# the spreadsheet and duplicate markup strings matter for stored text, not for these two
FEWER = [
    k
    for k in IDS
    if k
    not in {
        "attribute-dq",
        "img",
        "markdown-link",
        "plus",
        "minus",
        "at",
        "tab",
        "carriage-return",
        "cr",
        "traversal-win",
    }
]


@pytest.mark.parametrize("key", FEWER)
def test_query_parameters_of_lists_and_searches(client, w, key):
    value = ATTACKS[key]
    for who, path, names in QUERY_PAGES:
        client.force_login(w[who])
        url = path.format(cohort=w["post"].seminar.slug, seminar=w["call"].seminar.slug)
        r = client.get(f"{url}?{query(dict.fromkeys(names, value))}")
        assert r.status_code in (200, 400, 404, 422, 429), (url, r.status_code)
        page = assert_inert(r)
        if key == "script" and r.status_code == 200 and "q" in names and page:
            # where a search box shows what was searched, it shows it escaped
            for form in forms_of(page):
                for field in form["fields"]:
                    if field["name"] == "q" and field["type"] in TEXT_TYPES:
                        assert field["value"] == value, url


# -- the API's write operations -----------------------------------------------------------------


def _api(client, method, url, token, payload):
    # json.dumps writes a lone surrogate as the escape \ud800: the server's parser makes it a str
    body = json.dumps(payload).encode()
    return getattr(client, method)(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


@pytest.mark.parametrize("key", FEWER)
def test_api_writes(client, w, key):
    value = ATTACKS[key]
    seminar = w["call"].seminar
    manager = w["manager_token"]
    outcomes = []
    r = _api(
        client,
        "patch",
        f"/api/v1/seminars/{seminar.slug}",
        manager,
        {"title": value, "description": value, "interpretation": value, "city": value},
    )
    outcomes.append(("patch seminar", r))
    r = _api(
        client,
        "post",
        f"/api/v1/seminars/{seminar.slug}/sessions",
        manager,
        {
            "title": value,
            "kind": "keynote",
            "day": seminar.start_date.isoformat(),
            "start_time": "19:00",
            "end_time": "19:30",
            "room": value[:50],
            "track": "",
            "objectives": value,
            "description": value,
        },
    )
    outcomes.append(("post session", r))
    r = _api(
        client,
        "post",
        "/api/v1/seminars",
        manager,
        {"title": value, "slug": "attack-seminar", "programme": seminar.programme_id},
    )
    outcomes.append(("post seminar", r))
    participant = w["participant_token"]
    r = _api(client, "post", "/api/v1/attempts", participant, {"module": value})
    outcomes.append(("post attempt", r))
    for question_id in w["typed"]:
        r = _api(
            client,
            "put",
            f"/api/v1/attempts/{w['attempt'].pk}/answers/{question_id}",
            participant,
            {"response": value},
        )
        outcomes.append((f"put answer {question_id}", r))
    for what, r in outcomes:
        assert r.status_code < 500, (what, r.status_code)
        assert r.status_code in (200, 201, 400, 404, 409, 422), (
            what,
            r.status_code,
            r.content[:300],
        )
        if key in ("nul", "surrogate"):  # neither can be stored: refused, on both databases
            assert r.status_code >= 400, (what, f"{key} was accepted")
        assert r["Content-Type"].startswith("application/json"), what
        json.loads(r.content)  # the answer is JSON, whatever was sent
    show(client, w["participant"], f"/seminars/{seminar.slug}/", f"/attempts/{w['attempt'].pk}/")
    show(client, w["manager"], f"/manage/seminars/{seminar.slug}/")


# -- uploaded file names ------------------------------------------------------------------------

# A file name travels in the multipart body as UTF-8, where a lone surrogate cannot be written
# (Django's test client refuses to encode it, as a browser would): its bytes are sent through
# the forms above instead.
UPLOAD_NAMES = [k for k in IDS if k not in ("overlong", "surrogate")]


@pytest.mark.parametrize("key", UPLOAD_NAMES)
def test_upload_names_of_application_documents(client, w, key):
    value = ATTACKS[key]
    name = value[:150] + ".pdf"
    slug = w["call"].seminar.slug
    client.force_login(w["applicant"])
    upload = SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    r = client.post(
        f"/seminars/{slug}/apply/",
        {
            "motivation": "I investigate labour exploitation.",
            f"q{w['text_q'].pk}": "Ten years",
            f"q{w['file_q'].pk}": upload,
        },
    )
    assert_inert(r)
    assert r.status_code in (200, 302, 400), r.status_code
    from crossborder.enrolment.models import ApplicationFile

    for stored in ApplicationFile.objects.filter(application__user=w["applicant"]):
        assert "\x00" not in stored.original_name, stored.original_name
        assert ".." not in stored.file.name and "\\" not in stored.file.name, stored.file.name
    show(client, w["applicant"], f"/seminars/{slug}/apply/")
    show(client, w["manager"], f"/manage/seminars/{slug}/applications/")
    # the course director's page of the application, and the document as a download whose
    # headers stay one line each
    for stored in ApplicationFile.objects.filter(application__user=w["applicant"]):
        application = stored.application_id
        show(client, w["manager"], f"/manage/seminars/{slug}/applications/{application}/")
        r = client.get(f"/applications/{application}/files/{stored.pk}/")
        assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4\n%%EOF\n"
        disposition = r["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert not {"\r", "\n", "\x00"} & set(disposition), disposition
    # all of the call's documents in one ZIP (once the application is sent): each member a
    # folder and a file name, nothing a ZIP tool would read as a path, a control or a direction
    from crossborder.enrolment.models import Application

    sent = Application.objects.filter(user=w["applicant"], call=w["call"])
    sent.update(status="submitted", submitted_at=timezone.now())
    if ApplicationFile.objects.filter(application__in=sent).exists():
        r = client.get(f"/manage/seminars/{slug}/applications/documents.zip")
        assert r.status_code == 200, r.status_code
        archive = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))
        mine = f"-{sent.get().pk}"  # the applicant's folder (the demo's letters are there too)
        for member in archive.namelist():
            folder, _, file_name = member.partition("/")
            assert folder and file_name and "/" not in file_name, member
            assert ".." not in member and "\\" not in member, member
            assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in member), member
            if folder.endswith(mine):
                assert archive.read(member) == b"%PDF-1.4\n%%EOF\n"
        assert any(member.partition("/")[0].endswith(mine) for member in archive.namelist())


@pytest.mark.parametrize("key", UPLOAD_NAMES)
def test_question_import_upload(client, w, key):
    value = ATTACKS[key]
    text = value.replace("\x00", "").encode("utf-8", "surrogatepass")
    gift = (
        b"::Q1 "
        + text[:200]
        + b":: "
        + text[:500]
        + b" {T}\n\n::Q2:: Short "
        + text[:200]
        + (b" {=answer}\n")
    )
    client.force_login(w["manager"])
    upload = SimpleUploadedFile(value[:100] + ".gift", gift, content_type="text/plain")
    r = client.post("/learn/jit-first-30-days/import/", {"file": upload})
    assert r.status_code in (200, 400, 413), r.status_code
    assert_inert(r)


# -- exports and PDFs ---------------------------------------------------------------------------


def assert_no_formula_cell_in_csv(content: bytes):
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                try:
                    float(cell)
                except ValueError:
                    raise AssertionError(f"a cell a spreadsheet would run: {cell[:60]!r}") from None


def assert_no_formula_cell_in_xlsx(content: bytes):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value[:60]


SPREADSHEET = ["hyperlink", "plus", "minus", "at", "tab", "carriage-return", "script", "emoji"]


@pytest.mark.parametrize("key", SPREADSHEET)
def test_exports_quote_what_would_be_a_formula(client, w, key):
    value = ATTACKS[key]
    client.force_login(w["participant"])
    r, _ = submit_form(
        client,
        "/profile/",
        value,
        skip={"bio"},
        fill={"organisation": value, "first_name": value, "last_name": value + "x"},
    )
    assert r.status_code == 302, _errors(r)
    slug = w["seat"].call.seminar.slug
    client.force_login(w["manager"])
    r = client.get(f"/manage/seminars/{slug}/participants.csv")
    assert r.status_code == 200
    assert_no_formula_cell_in_csv(r.content)
    stored = User.objects.get(pk=w["participant"].pk).first_name
    cells = {c for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig"))) for c in row}
    assert ("'" + stored if stored.startswith(FORMULA_STARTS) else stored) in cells
    r = client.get(f"/manage/seminars/{slug}/participants.xlsx")
    assert r.status_code == 200
    assert_no_formula_cell_in_xlsx(r.content)
    client.force_login(w["admin"])
    r = client.get("/network/export.csv")
    assert r.status_code == 200
    assert_no_formula_cell_in_csv(r.content)


PDF_STRINGS = ["script", "rtl", "nfd", "emoji", "surrogate", "template-var", "crlf"]


@pytest.mark.parametrize("key", PDF_STRINGS)
def test_pdfs_render(client, w, key):
    value = ATTACKS[key]
    client.force_login(w["participant"])
    r, _ = submit_form(client, "/profile/", value, skip={"bio"})
    assert r.status_code == 302, _errors(r)
    r = client.get(f"/applications/{w['seat'].pk}/badge.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF"), r.status_code
    client.force_login(w["manager"])
    r, _ = submit_form(client, f"/manage/sessions/{w['session'].pk}/", value, skip={"track"})
    assert r.status_code == 302, _errors(r)
    r = client.get(f"/seminars/{w['call'].seminar.slug}/programme.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF"), r.status_code


# -- survey free text and essay feedback --------------------------------------------------------


@pytest.mark.parametrize("key", IDS)
def test_survey_free_text_and_its_results(client, w, key):
    from django.utils import timezone

    from crossborder.enrolment.models import Application, Call
    from crossborder.evaluation.models import Survey, SurveyAnswer
    from tests.factories import survey_answers

    value = ATTACKS[key]
    now = timezone.now()
    survey = next(
        s
        for s in Survey.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("pk")
        if s.questions.filter(kind="text").exists()
    )
    attendee = w["applicant"]  # no answer of theirs yet
    call = Call.objects.filter(seminar=survey.seminar).first()
    Application.objects.update_or_create(
        call=call, user=attendee, defaults={"status": "attended", "submitted_at": now}
    )
    body, texts = survey_answers(survey, value)
    assert texts, "the survey has no free-text question"
    client.force_login(attendee)
    assert_inert(client.get(f"/surveys/{survey.pk}/"))
    r = client.post(
        f"/surveys/{survey.pk}/", _encode(body.items()), content_type="application/x-www-form-urlencoded"
    )  # fmt: skip
    if judge(r, key):
        stored = SurveyAnswer.objects.filter(
            response__survey=survey, question_id__in=[int(t[1:]) for t in texts]
        )
        assert stored.exists() and all("\x00" not in a.text for a in stored)
        page = show(client, w["manager"], f"/manage/surveys/{survey.pk}/results/")
        shows_escaped(page, key, value)


@pytest.mark.parametrize("key", IDS)
def test_essay_feedback_its_page_and_its_email(client, w, key, django_capture_on_commit_callbacks):
    from crossborder.learning.models import Answer

    value = ATTACKS[key]
    essay = Answer.objects.awaiting_grading().select_related("question__module", "attempt").first()
    assert essay is not None, "the demo has no essay awaiting grading"
    url = f"/learn/{essay.question.module.slug}/essays/{essay.pk}/"
    client.force_login(w["trainer"])
    page = client.get(url).content.decode()
    marks = dict.fromkeys(re.findall(r'name="(c\d+|mark)"', page), "0.5")
    assert marks, "no mark field on the grading page"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r, _filled = submit_form(client, url, value, fill=marks)
    if judge(r, key):
        essay.refresh_from_db()
        assert essay.graded_at and "\x00" not in essay.feedback
        assert_mail_headers_clean()
        for message in mail.outbox:
            assert "\x00" not in message.body
        page = show(client, essay.attempt.user, f"/attempts/{essay.attempt_id}/")
        shows_escaped(page, key, value)


@pytest.mark.parametrize("key", FEWER)
def test_jit_draft_and_its_word_and_pdf_exports(client, w, key):
    """A JIT agreement drafted in a workshop: every text field of the draft, then the page, the
    Word file and the PDF the group downloads."""
    import zipfile

    from django.utils import timezone

    from crossborder.workshops.models import Exercise, ExerciseRun, Group, Membership, Workshop

    value = ATTACKS[key]
    seat = w["seat"]
    exercise = Exercise.objects.create(
        slug="jit-attack", title="JIT", case_file="A case.", checklist=[], kind="jit_agreement"
    )
    workshop = Workshop.objects.create(seminar=seat.call.seminar, start=timezone.now())
    run = ExerciseRun.objects.create(exercise=exercise, workshop=workshop, status="open")
    group = Group.objects.create(workshop=workshop, number=1)
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    url = f"/workshops/runs/{run.pk}/drafts/1/"
    client.force_login(w["participant"])
    r, _filled = submit_form(client, url, value, extra={"action": "save"})
    if judge(r, key):
        page = show(client, w["participant"], url)
        shows_escaped(page, key, value)
        docx = client.get(f"{url}agreement.docx")
        assert docx.status_code == 200
        with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
            document = archive.read("word/document.xml").decode()
        assert "<script>" not in document and "\x00" not in document
        if key == "script":  # written as text, escaped
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
        pdf = client.get(f"{url}agreement.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("key", FEWER)
def test_call_builder_and_the_application_form(client, w, key):
    """The labels of a call's application questions, as the manager writes them, then the
    application form that applicants fill in."""
    value = ATTACKS[key]
    slug = w["call"].seminar.slug
    client.force_login(w["manager"])
    existing = w["call"].questions.count()  # the two blank forms for new questions stay blank
    skip = {"eligible_countries"}
    skip |= {
        f"q-{i}-{f}"
        for i in range(existing + 2)
        for f in ("choices", "choices_fr", "choices_de", "allowed_types")
    }
    skip |= {
        f"q-{i}-{f}"
        for i in range(existing, existing + 2)
        for f in ("label", "label_fr", "label_de")
    }
    r, filled = submit_form(client, f"/manage/seminars/{slug}/call/", value, skip=skip)
    assert len([name for name in filled if name.endswith("-label")]) == existing
    if judge(r, key):
        client.force_login(w["applicant"])
        page = show(client, w["applicant"], f"/seminars/{slug}/apply/")
        shows_escaped(page, key, value)


@pytest.mark.parametrize("key", FEWER)
def test_survey_builder_and_the_pages_that_show_its_questions(client, w, key):
    """A survey's title, introduction, question and choices as the manager writes them, then the
    attendee's form, the preview, the builder (where later questions' conditions quote them)
    and the results."""
    from datetime import timedelta

    from django.utils import timezone

    from crossborder.enrolment.models import Application
    from crossborder.evaluation.models import Survey

    value = ATTACKS[key]
    now = timezone.now()
    seminar = w["call"].seminar
    Survey.objects.filter(seminar=seminar, kind="followup").delete()
    survey = Survey.objects.create(
        seminar=seminar,
        kind="followup",
        title="Six months on",
        opens_at=now + timedelta(days=1),  # not open yet: the builder may change everything
        closes_at=now + timedelta(days=7),
    )
    client.force_login(w["manager"])
    r, _filled = submit_form(
        client,
        f"/manage/surveys/{survey.pk}/questions/new/",
        value,
        fill={"kind": "single", "options_en": f"{value}\nNone of these", "options_fr": "", "options_de": ""},
    )  # fmt: skip
    if judge(r, key):
        question = survey.questions.get()
        assert "\x00" not in question.text and question.options[0]["en"]
        r, filled = submit_form(client, f"/manage/surveys/{survey.pk}/", value)
        assert {"title", "intro"} <= set(filled)
        judge(r, key)
        Survey.objects.filter(pk=survey.pk).update(opens_at=now - timedelta(hours=1))
        pages = [
            f"/manage/surveys/{survey.pk}/",
            f"/manage/surveys/{survey.pk}/preview/",
            f"/manage/surveys/{survey.pk}/questions/new/",  # the condition quotes the choice
            f"/manage/surveys/{survey.pk}/results/",
        ]
        shows_escaped(show(client, w["manager"], *pages), key, value)
        attendee = w["applicant"]
        Application.objects.update_or_create(
            call=w["call"], user=attendee, defaults={"status": "attended", "submitted_at": now}
        )
        shows_escaped(show(client, attendee, f"/surveys/{survey.pk}/"), key, value)


@pytest.mark.parametrize("key", IDS)
def test_lab_flag_notes_and_the_pages_that_show_them(client, w, key):
    """A group's note on a red flag in the investigation lab, then the lab page and the submit
    step that show it, and the trainer's panel that counts it."""
    from django.utils import timezone

    from crossborder.labs.models import Lab
    from crossborder.workshops.models import Group, Membership, Workshop
    from tests.labs.world import make_lab_dataset

    value = ATTACKS[key]
    seat = w["seat"]
    workshop = Workshop.objects.create(seminar=seat.call.seminar, start=timezone.now())
    group = Group.objects.create(workshop=workshop, number=1)
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    lab = Lab.objects.create(title="Lab", workshop=workshop, seed=1, status="open")
    make_lab_dataset(lab)
    client.force_login(w["participant"])
    r, filled = submit_form(
        client,
        f"/labs/{lab.pk}/flags/new/?item=PER-001",
        value,
        action=f"/labs/{lab.pk}/flags/new/",
        skip={"item"},
        fill={"category": "third_party"},
    )
    assert filled == ["note"]
    if judge(r, key):
        flag = lab.submissions.get().flags.get()
        assert "\x00" not in flag.note
        page = show(client, w["participant"], f"/labs/{lab.pk}/", f"/labs/{lab.pk}/submit/")
        shows_escaped(page, key, value)
        show(client, w["manager"], f"/labs/{lab.pk}/trainer/")  # counts the flag; no note
