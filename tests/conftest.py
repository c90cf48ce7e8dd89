import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

from crossborder.accounts.models import Role
from tests.factories import make_user
from tests.servers import server_database  # noqa: F401 (a fixture for the server tests)

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def _issuer_key():
    """The issuer's signing key in this run's key folder (tests/settings.py), made once: issuing
    a certificate signs it. Tests of keys themselves use a folder of their own."""
    from crossborder.credentials.signing.keys import ensure_key

    ensure_key()


@pytest.fixture(autouse=True)
def _english_and_empty_cache(settings):
    from django.core.cache import cache, caches

    settings.LANGUAGE_CODE = "en"
    cache.clear()  # rate-limit counters and used TOTP codes live in the cache
    caches["local"].clear()  # question banks: a rolled-back test's quiz ids come back


@pytest.fixture
def participant(db):
    return make_user(
        "participant@example.org",
        first_name="Ana",
        last_name="Horvat",
        profile={"profession": "law_enforcement", "country": "HR", "organisation": "Policija"},
    )


@pytest.fixture
def trainer(db):
    return make_user(
        "trainer@example.org", role=Role.TRAINER, first_name="Jan", last_name="Peeters"
    )


@pytest.fixture
def manager(db):
    return make_user(
        "manager@example.org", role=Role.MANAGER, first_name="Claire", last_name="Dubois"
    )


@pytest.fixture
def funder(db):
    return make_user("funder@example.org", role=Role.FUNDER, first_name="Eva", last_name="Berg")


@pytest.fixture
def admin_user(db):
    return make_user("admin@example.org", role=Role.ADMIN, first_name="Max", last_name="Keller")


@pytest.fixture
def client_of(client):
    """client_of(user): the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
