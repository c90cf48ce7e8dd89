"""Keys in a temporary folder and credentials made as the issuing service would make them."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crossborder.credentials.facts import CertifiedFacts, ElementHours
from crossborder.credentials.models import Credential, new_code
from crossborder.credentials.signing import keys
from tests.factories import make_seminar, make_user

SITE = "https://training.example.eu"


@pytest.fixture
def key_dir(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.CREDENTIAL_KEY_DIR = tmp_path / "credential-keys"
    return settings.CREDENTIAL_KEY_DIR


@pytest.fixture
def issuer_key(key_dir):
    key, _created = keys.ensure_key()
    return key


def attendance_facts(code: str, **changes) -> CertifiedFacts:
    values = {
        "code": code,
        "kind": "attendance",
        "language": "en",
        "holder_name": "Ana Horvat",
        "achievement": "Investigating trafficking across borders",
        "description": "Two-day seminar on joint investigations and financial evidence in THB cases.",
        "place": "Vienna, Austria",
        "start_date": date(2026, 11, 16),
        "end_date": date(2026, 11, 17),
        "issued_at": datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
        "issuer_name": "Crossborder Training Consortium",
        "signatory": "Dr Lena Maier, Course director",
        "verify_url": f"{SITE}/verify/{code}",
        "hours": (
            ElementHours("investigations", "Investigations and prosecutions", Decimal("6.5")),
            ElementHours("financial-investigation", "Financial investigations", Decimal("4")),
        ),
        "total_hours": Decimal("10.5"),
    }
    return CertifiedFacts(**{**values, **changes})


_indices = iter(range(1000, 100_000, 37))
_people = iter(range(1, 100_000))


@pytest.fixture
def make_credential(db, participant):
    """A credential of the Vienna seminar: the participant's first, then other people's (one
    attendance certificate per person and seminar)."""
    seminar_holder = {}

    def make(*, holder=None, **changes):
        if "seminar" not in seminar_holder:
            seminar_holder["seminar"] = make_seminar("vienna-credentials", sessions=False)
            holder = holder or participant
        if holder is None:
            n = next(_people)
            holder = make_user(f"attendee{n}@example.org", first_name="Attendee", last_name=str(n))
        code = new_code()
        facts = attendance_facts(code, **changes)
        return Credential.objects.create(
            kind="attendance",
            holder=holder,
            seminar=seminar_holder["seminar"],
            code=code,
            language=facts.language,
            facts=facts.as_json(),
            status_index=next(_indices),
        )

    return make
