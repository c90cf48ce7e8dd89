"""`manage.py demo` on a flushed database. In a file of its own: a transactional test empties the
database for the tests that follow it on the same worker, and pytest-django runs a file's tests
together, so this one must not sit among the early files."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_it_loads_into_a_flushed_database():
    """A flush keeps the applied migrations but not the data they loaded (the taxonomy)."""
    from crossborder.curriculum.models import Tag

    call_command("flush", interactive=False, verbosity=0)
    assert not Tag.objects.exists()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Tag.objects.filter(code="A").exists()
