import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

from crossborder.accounts.models import Role
from crossborder.testing import make_user


@pytest.fixture(autouse=True)
def _english_and_empty_cache(settings):
    from django.core.cache import cache

    settings.LANGUAGE_CODE = "en"
    cache.clear()  # rate-limit counters and used TOTP codes live in the cache


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
