import pytest

from crossborder.accounts.models import Role
from crossborder.learning.models import Module, Quiz
from crossborder.library.models import Entry
from tests.factories import make_user


@pytest.fixture
def module(trainer):
    """A draft module owned by the trainer, with its quiz and an empty bank."""
    module = Module.objects.create(
        slug="thb-draft", title="THB in supply chains", level="public", status="draft"
    )
    module.owners.add(trainer)
    Quiz.objects.create(module=module, draw_count=5)
    return module


@pytest.fixture
def other_trainer(db):
    return make_user("other.trainer@example.org", role=Role.TRAINER, first_name="Ola")


@pytest.fixture
def entry(db):
    return Entry.objects.create(
        slug="directive-2011-36",
        kind="instrument",
        title="Directive 2011/36/EU",
        summary="The anti-trafficking directive.",
        body="Text.",
        access="public",
    )
