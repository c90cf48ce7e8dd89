"""People of the network tests: Ioana (the person looked for) and the kinds of viewers."""

from datetime import date

import pytest

from crossborder.accounts.models import Role, Vetting
from tests.factories import make_attendee, make_seminar, make_user

SEMINAR_TITLE = "Forced criminality in port cities"


@pytest.fixture
def ports(db):
    """A held seminar (its cohort is a directory filter)."""
    return make_seminar(
        "ports-2026",
        status="held",
        title=SEMINAR_TITLE,
        city="Rotterdam",
        country="NL",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        sessions=False,
    )


@pytest.fixture
def ioana(ports):
    """A Romanian labour inspector who attended the port-cities seminar."""
    user = make_user(
        "ioana.popescu@itm.example.ro",
        first_name="Ioana",
        last_name="Popescu",
        profile={
            "profession": "labour_inspector",
            "country": "RO",
            "organisation": "Inspecția Muncii",
            "working_languages": ["sq"],
        },
    )
    make_attendee(ports, user)
    return user


def make_viewer(kind: str):
    """A viewer of a kind: member (unvetted practitioner), vetted (police officer), staff,
    funder, or incomplete (a participant without a profile)."""
    if kind == "member":
        return make_user(
            "anna.schmidt@justiz.example.de",
            first_name="Anna",
            last_name="Schmidt",
            profile={"profession": "prosecutor", "country": "DE", "organisation": "StA Köln"},
        )
    if kind == "vetted":
        return make_user(
            "tomas.novak@policie.example.cz",
            first_name="Tomáš",
            last_name="Novák",
            profile={
                "profession": "law_enforcement",
                "country": "CZ",
                "organisation": "Policie ČR",
                "vetting": Vetting.VERIFIED,
            },
        )
    if kind == "staff":
        return make_user("manager@example.org", role=Role.MANAGER, first_name="Claire")
    if kind == "funder":
        return make_user("funder@example.org", role=Role.FUNDER, first_name="Eva")
    assert kind == "incomplete"
    return make_user("new.person@example.org", first_name="New", last_name="Person")
