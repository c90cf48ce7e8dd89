import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """The browser tests' SQLite database is a file, not memory.

    With an in-memory database the live server's request threads all share the test's one
    connection, and two requests at once (a quiz saving two answers) can meet inside it and fail
    with "database table is locked" (Django documents this for LiveServerTestCase). With a file
    each thread has its own connection, and WAL with a busy timeout (settings) lets them wait."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("browser-database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)  # fail fast: every step here takes well under a second
    return page
