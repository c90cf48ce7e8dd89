import pytest


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)  # fail fast: every step here takes well under a second
    return page
