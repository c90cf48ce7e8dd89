import pytest

from crossborder.accounts.models import Role, Vetting
from crossborder.curriculum.models import Tag
from crossborder.library.models import Entry
from tests.factories import make_user


@pytest.fixture(scope="module")
def _library_loaded(django_db_setup, django_db_blocker):
    """The real content, loaded once per test module inside a transaction that is rolled back
    when the module is done; each test runs in a savepoint within it (as TestCase does)."""
    from django.db import transaction

    from crossborder.learning.content import load_modules
    from crossborder.library.content import load_library

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_modules()
            yield load_library()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def library(_library_loaded, db):
    """The real library content, loaded as `make demo` loads it (modules first, for the links)."""
    return _library_loaded


@pytest.fixture
def vetted_judge(db):
    return make_user(
        "judge@example.org",
        first_name="Marta",
        last_name="Nowak",
        profile={
            "profession": "judge",
            "country": "PL",
            "organisation": "Sąd Okręgowy",
            "vetting": Vetting.VERIFIED,
        },
    )


@pytest.fixture
def unvetted_prosecutor(db):
    return make_user(
        "prosecutor@example.org",
        first_name="Luc",
        last_name="Martin",
        profile={
            "profession": "prosecutor",
            "country": "FR",
            "organisation": "Parquet",
            "vetting": Vetting.NONE,
        },
    )


@pytest.fixture
def vetted_manager(db):
    """A programme manager is not vetted: restricted entries stay hidden from them too."""
    return make_user(
        "manager@example.org", role=Role.MANAGER, first_name="Claire", last_name="Dubois"
    )


def make_entry(
    slug, *, access="public", kind="guidance", title=None, body=None, tags=("A",), **fields
):
    entry = Entry.objects.create(
        slug=slug,
        kind=kind,
        title=title or slug.replace("-", " ").title(),
        summary=fields.pop("summary", f"Summary of {slug}."),
        body=body or f"Text of {slug}. " * 20,
        access=access,
        professions=fields.pop("professions", ["judge"]),
        countries=fields.pop("countries", []),
        citations=fields.pop("citations", []),
        sources=[{"title": "Test source"}],
        **fields,
    )
    entry.tags.set(Tag.objects.filter(code__in=tags))
    return entry
