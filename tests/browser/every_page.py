"""Every page a person can reach, for the phone-and-desktop sweep of test_phone_navigation.py:
which role opens each URL name (on the demo data), or why the name is not a page to look at.

A new URL name must go into VISITS or EXCLUDED (a test fails otherwise).
"""

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = {
    "visitor": None,
    "participant": "participant@example.org",
    "trainer": "trainer@example.org",
    "manager": "manager@example.org",
    "funder": "funder@example.org",
    "admin": "admin@example.org",
    "ngo": "ngo@example.org",  # the demo's civil-society account (crossborder/demo/referrals.py)
}

# Who looks at each page: the person whose page it is (the richest view of it). Every role's
# dashboard and menu destinations are visited too (see pages_of).
VISITS = {
    "visitor": [
        "home",
        "seminars",
        "seminar-coverage",
        "speaker",
        "programme-coverage",
        "modules",
        "library",
        "survey-thanks",
        "survey-link",
        "nomination",
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",  # an expired or unknown key: a page that says so
        "account_reset_password_from_key_done",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_inactive",
        "verify-form",
        "verify",  # a participant's certificate, as an employer checking it sees it
        "verify-credential-file",
    ],
    "participant": [
        "dashboard",
        "profile",
        "person",  # their own profile as staff see it
        "seminar",
        "seminar-now",
        "choose-sessions",
        "my-calendar",
        "my-applications",
        "module",
        "lesson",
        "attempt",
        "library-entry",
        "library-submit",
        "library-mine",
        "library-edit",
        "referrals",  # a police officer looking for a shelter
        "knowledge-test",
        "my-surveys",
        "exercises",
        "exercise-run",
        "jit-draft",
        "labs",
        "lab",
        "lab-table",
        "lab-graph",
        "lab-timeline",
        "lab-flag",
        "lab-submit",
        "account_logout",
        "account_email",
        "account_change_password",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "mfa_index",
        "wallet",
        "my-data",
        "delete-account",  # the explanation and the form (the deletion asks to sign in again)
        "network",
        "network-profile",
        "network-contacts",  # one request accepted, one waiting for her answer
        "network-person",  # her own listing, as others see it
    ],
    "trainer": [
        "seminar-now",  # with the groups the trainer leads
        "network-cohorts",
        "network-cohort",  # Vienna's cohort, where he spoke: members, materials, discussion
        "network-post-report",  # a participant's message in it
        "grading-queue",
        "grade-essay",
        "author-home",
        "author-sources",
        "author-module-new",
        "my-ratings",
        "trainer-groups",
        "exercise",
        "api-tokens",
        "apply",  # the participant has applied to every open call of the demo
    ],
    "manager": [
        "people",
        "manage-seminars",
        "manage-seminar-new",
        "manage-seminar",
        "seminar-certificates",
        "certificate-batch",
        "manage-session-new",
        "manage-session",
        "manage-speakers",
        "manage-speaker",
        "manage-call",
        "manage-applications",
        "manage-application",
        "manage-selection",
        "selection-run",
        "manage-waiting-list",
        "check-in",
        "manage-import",
        "attendance-sheet",
        "export-participants",  # the printable list (participants.html)
        "module-report",
        "import-questions",
        "author-module",
        "author-lesson-new",
        "author-lesson",
        "author-lesson-delete",
        "author-library",
        "author-entry-new",
        "author-entry",
        "author-question-bank",
        "author-question-new",
        "author-question-edit",
        "item-history",
        "item-version",
        "regrade-question",
        "manage-knowledge-test",
        "seminar-evaluation",
        "manage-surveys",
        "manage-seminar-surveys",
        "manage-survey",
        "manage-survey-preview",
        "survey-results",
        "manage-survey-question-new",
        "manage-survey-question",
        "manage-groups",
        "allocation-run",
        "print-groups",
        "exercise-run-conduct",
        "jit-drafts",
        "jit-debrief",
        "lab-new",
        "lab-status",
        "lab-trainer",
        "library-moderation",
        "mfa_reauthenticate",
        "referral-approvals",
        "referral",  # the NGO's profile with a change to check, and the decision form
        "network-reports",
    ],
    "funder": ["indicators", "funder-reports", "funder-report"],
    "admin": ["audit-log", "admin:index", "admin:seminars_seminar_changelist"],
    "ngo": ["referrals-mine", "referral-new", "referral-edit"],
}

POST_ONLY = "POST only: a button on another page, which the sweep visits"
DOWNLOAD = "a file download, not a page"
EXCLUDED = {
    "healthz": "JSON for the load balancer",
    "survey-answer": "the same answering form as survey-link (visited): the demo's participant "
    "has no survey open",
    "mfa_authenticate": "the sweep opens it through a manager's sign-in (it needs the first step)",
    "web-manifest": "the web app manifest (JSON)",
    "service-worker": "JavaScript",
    "seminar-calendar": DOWNLOAD,
    "personal-feed": DOWNLOAD,
    "seminar-pdf": DOWNLOAD,
    "application-badge": DOWNLOAD,
    "application-file": DOWNLOAD,
    "groups-pdf": DOWNLOAD,
    "jit-docx": DOWNLOAD,
    "jit-pdf": DOWNLOAD,
    "funder-report-file": DOWNLOAD,
    "lab-download": DOWNLOAD,
    "export-questions": DOWNLOAD,
    "lab-graph-data": "JSON for the graph page's script",
    "lab-graph-path": "JSON for the graph page's script",
    "lab-graph-entity": "an htmx fragment of the graph page",
    "jit-draft-row": "an htmx fragment of the draft page",
    "jit-my-draft": "redirects to the participant's group's draft (jit-draft)",
    "set_language": "POST only: the footer's language form",
    "account_set_password": "redirects: every account has a password",
    "account_confirm_login_code": "login by code is off",
    "account_confirm_reauthentication_code": "redirects unless a code was requested by POST",
    "mfa_activate_totp": "redirects to reauthenticate first (visited)",
    "mfa_deactivate_totp": "redirects to reauthenticate first (visited)",
    "mfa_view_recovery_codes": "redirects to reauthenticate first (visited)",
    "mfa_generate_recovery_codes": "redirects to reauthenticate first (visited)",
    "mfa_download_recovery_codes": DOWNLOAD,
    "verify-pdf": DOWNLOAD,
    "certificates-zip": DOWNLOAD,
    "application-documents": DOWNLOAD,
    "credential-open-badge": DOWNLOAD,
    "credential-elm": DOWNLOAD,
    "issuer-did": "the issuer's DID document (JSON)",
    "issuer-jwks": "the issuer's public keys (JSON)",
    "credential-status-list": "the signed revocation list (JSON)",
    "network-export": DOWNLOAD,
    None: "uploaded media files",
    **dict.fromkeys(
        [
            "person-vet",
            "api-token-revoke",
            "manage-status",
            "manage-duplicate",
            "manage-session-delete",
            "application-confirm",
            "application-decline",
            "application-withdraw",
            "manage-override",
            "manage-publish",
            "start-quiz",
            "save-answer",
            "submit-attempt",
            "library-moderate",
            "library-comment",
            "author-preview",
            "author-module-status",
            "author-lesson-move",
            "author-question-bulk",
            "author-question-preview",
            "restore-version",
            "knowledge-test-start",
            "manage-knowledge-build",
            "manage-knowledge-replace",
            "manage-knowledge-redraw",
            "manage-knowledge-settings",
            "manage-survey-question-delete",
            "manage-survey-question-move",
            "funder-report-regenerate",
            "allocate-groups",
            "move-member",
            "add-pairing-rule",
            "remove-pairing-rule",
            "publish-groups",
            "exercise-prepare",
            "exercise-run-open",
            "exercise-run-close",
            "exercise-inject-release",
            "jit-comment",
            "lab-regenerate",
            "lab-graph-layout",
            "lab-unflag",
            "lab-open",
            "lab-close",
            "lab-reveal",
            "claim-completion",
            "issue-certificates",
            "revoke-credential",
            "referral-editors",
            "referral-decide",
            "network-contact",
            "network-answer",
            "network-block",
            "network-report",
            "network-unblock",
            "network-report-close",
            "network-post-delete",
            "network-post-hide",
        ],
        POST_ONLY,
    ),
}
# What the sweep found and this branch did not fix yet: (URL name, kind of check) -> why. The
# sweep tolerates these and fails once one is gone, so that the list only shrinks.
SMALL_LINKS = "stand-alone text links about 20px tall (need a 44px block or a list style)"
KNOWN_PROBLEMS: dict[tuple[str, str], str] = {}

EXCLUDED_NAMESPACES = {
    "api": "the JSON API (its schema is tested by schemathesis)",
    "admin": "Django's own admin pages: its index and a changelist stand for them",
}


def pages_of(role: str) -> list[str]:
    """The URL names a role's browser opens: its menu's destinations, then VISITS."""
    from crossborder.accounts.models import User
    from crossborder.navigation import navigation

    names = []
    if ROLES[role]:
        user = User.objects.get(email=ROLES[role])
        names = ["admin:index" if i.name == "admin" else i.name for i in navigation(user)]
    return list(dict.fromkeys(names + VISITS[role]))


def url_names():
    """Every URL name, namespaced ("admin:index"), as Django resolves them."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                yield f"{namespace}:{p.name}" if namespace and p.name else p.name

    return set(walk(get_resolver().url_patterns))


def world() -> dict:
    """The demo (as tests/test_get_never_writes.py builds it) and what the pages of one person
    need besides: a confirmed seat, a self-study lab, their own practice, a nomination."""
    from crossborder.curriculum.models import Tag
    from crossborder.curriculum.taxonomy import load_taxonomy
    from crossborder.enrolment.models import Application
    from crossborder.evaluation.models import SurveyInvitation
    from crossborder.labs.models import Lab
    from crossborder.library.models import Entry
    from tests.test_get_never_writes import _world

    if not Tag.objects.exists():  # a live server's flush removed the migrated taxonomy
        load_taxonomy(Tag)
    w = _world()
    participant = w["participant"]
    Application.objects.filter(pk=w["application"].pk).update(status="confirmed")
    w["self_study_lab"] = Lab.objects.get(module__isnull=False, status="open")
    # the demo's Lisbon lab (the access matrix puts its own lab in the same workshop: w["lab"])
    w["lisbon_lab"] = Lab.objects.exclude(pk=w["lab"].pk).get(
        workshop__seminar__slug="lisbon-2026-follow-the-money"
    )
    w["practice"] = Entry.objects.filter(author=participant).exclude(status="published").first()
    nominee = Application.objects.filter(imported=True).exclude(user=participant).first()
    Application.objects.filter(pk=nominee.pk).update(nomination_token="sweep-nomination-token")
    w["invitation"] = SurveyInvitation.objects.filter(answered=False).first()
    # The editor of the module's first multiple-choice question (its choices table is the
    # widest formset), not of an attempt's random first question.
    w["edited_question"] = w["module"].questions.filter(kind="multiple").order_by("key").first().pk
    return w


def _lab_pages(w):
    lab = w["self_study_lab"].pk
    return {
        "lab": {"pk": lab},
        "lab-table": {"pk": lab, "kind": "person"},
        "lab-graph": {"pk": lab},
        "lab-timeline": {"pk": lab},
        "lab-flag": {"pk": lab},
        "lab-submit": {"pk": lab},
        "lab-status": {"pk": w["lisbon_lab"].pk},
        "lab-trainer": {"pk": w["lisbon_lab"].pk},
    }


def url_of(name: str, w: dict, role: str = "") -> str:
    """The address of the page `name` on the world's data (as `role` opens it)."""
    if (role, name) == ("participant", "seminar-now"):  # the seminar of their confirmed seat
        return reverse(name, kwargs={"slug": w["application"].call.seminar.slug})
    special = {
        **_lab_pages(w),
        "library-edit": {"slug": w["practice"].slug},
        "nomination": {"token": "sweep-nomination-token"},
        "survey-link": {"token": w["invitation"].token},
        "author-question-edit": {"slug": w["module"].slug, "pk": w["edited_question"]},
        "export-participants": {"slug": w["seminar"].slug, "fmt": "html"},
        "account_confirm_email": {"key": "x1-unknown"},
        "account_reset_password_from_key": {"uidb36": "x1", "key": "unknown"},
    }
    if name in special:
        return reverse(name, kwargs=special[name])
    from tests.test_get_never_writes import _value

    route, params = _route_of(name)
    return reverse(name, kwargs={p: _value(route, p, w) for p in params})


def _route_of(name: str) -> tuple[str, list[str]]:
    """The route as written and its parameters' names."""
    from tests.test_get_never_writes import PARAMETER, _routes

    bare = name.split(":", 1)[-1]
    for route, route_name in _routes():
        if route_name == bare and (":" not in name or route.startswith(name.split(":")[0])):
            return route, [m["name"] for m in PARAMETER.finditer(route)]
    raise LookupError(name)


def session_cookie(email: str, base_url: str) -> dict:
    """A signed-in session for the browser, as after the sign-in forms (with TOTP for staff)."""
    from crossborder.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }
