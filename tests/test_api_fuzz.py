"""schemathesis against /api/v1/openapi.json: every operation, with inputs generated from its
schema (and outside it), as an anonymous caller, a participant (browser session) and programme
staff, a trainer and the funder (personal API tokens): never a server error, and every answer the
schema describes has the shape the schema says."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from crossborder.accounts.models import ApiToken, Role
from crossborder.wsgi import application
from tests.factories import make_seminar, make_user

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


# The schema, read once through the application (no database needed to describe the API).
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def in_process():
    """schemathesis calls the WSGI application itself; like Django's test client, keep the
    request signals from closing the test's database connection (its transaction holds the
    test data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def callers(db, client, in_process):
    """The headers each kind of caller sends."""
    headers = {"anonymous": {}}
    for role in (Role.TRAINER, Role.MANAGER, Role.FUNDER):
        user = make_user(f"{role}@fuzz.example.org", role=role)
        _token, secret = ApiToken.issue(user=user, name="fuzz")
        headers[str(role)] = {"Authorization": f"Bearer {secret}"}
    participant = make_user(
        "participant@fuzz.example.org",
        profile={"profession": "judge", "country": "AT", "organisation": "LG Wien"},
    )
    client.force_login(participant)
    cookie = client.cookies["sessionid"].value
    headers["participant"] = {"Cookie": f"sessionid={cookie}"}
    return headers


@pytest.mark.parametrize("operation", OPERATIONS, ids=[o.label for o in OPERATIONS])
def test_no_operation_answers_a_server_error_or_breaks_its_schema(operation, callers):
    make_seminar("vienna", status="held")  # something to find

    @given(case=operation.as_strategy())
    @settings(
        max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def each(case):
        for headers in callers.values():
            case.call_and_validate(headers=headers, checks=CHECKS)

    each()


def test_no_two_response_shapes_share_a_name():
    """The OpenAPI components are named after the schema classes: two different classes with
    one name would publish one shape for both (the API's documentation would lie)."""
    from ninja import Schema

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [c for c in subclasses(Schema) if c.__module__.startswith("crossborder.")]
    shapes = {}
    for cls in ours:
        shapes.setdefault(cls.__name__, set()).add(str(cls.model_json_schema()))
    assert {name: len(s) for name, s in shapes.items() if len(s) > 1} == {}
