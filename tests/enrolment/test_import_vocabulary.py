"""The wording of nominee lists (vocabulary.yaml and CLDR) and what it is read as."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossborder.accounts.models import Gender, Profession
from crossborder.enrolment.importing import ImportFileError, normalise, parse
from crossborder.enrolment.models import Call
from tests.factories import make_call, make_seminar


def test_it_maps_every_synonym_to_its_own_group():
    for group, words in normalise.vocabulary()["professions"].items():
        assert group in Profession.values
        for word in words:
            assert normalise.profession(word) == group, word


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Public prosecutor", "prosecutor"),
        ("Staatsanwalt", "prosecutor"),
        ("Oberstaatsanwältin", "prosecutor"),
        ("procureur", "prosecutor"),
        ("Substitut du procureur de la République", "prosecutor"),
        ("FIU analyst", "financial_compliance"),
        ("AML officer", "financial_compliance"),
        ("compliance officer", "financial_compliance"),
        ("Bank compliance", "financial_compliance"),
        ("Kriminalpolizei", "law_enforcement"),
        ("gendarme", "law_enforcement"),
        ("Officier de police judiciaire (OPJ)", "law_enforcement"),
        ("labour inspector", "labour_inspector"),
        ("Arbeitsinspektor", "labour_inspector"),
        ("inspecteur du travail", "labour_inspector"),
        ("NGO", "civil_society"),
        ("juge", "judge"),
        ("Richter", "judge"),
        ("investigating judge", "judge"),
        ("Judge", "judge"),
        ("Financial or compliance officer", "financial_compliance"),
        ("other_authority", "other_authority"),
    ],
)
def test_it_reads_job_titles_and_abbreviations(text, group):
    assert normalise.profession(text) == group


@pytest.mark.parametrize("text", ["Astronaut", "Inspector", "", "Referentin"])
def test_it_leaves_unclear_wording_to_a_person(text):
    assert normalise.profession(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DE", "DE"),
        ("deu", "DE"),
        ("Deutschland", "DE"),
        ("  ÖSTERREICH ", "AT"),
        ("Oesterreich", None),
        ("EL", "GR"),
        ("Ελλάδα", "GR"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("Holland", "NL"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Česko", "CZ"),
        ("Polska", "PL"),
        ("Belgique", "BE"),
        ("België", "BE"),
        ("Magyarország", "HU"),
        ("Suomi", "FI"),
        ("Eesti", "EE"),
        ("Україна", "UA"),
        ("Ukraine", "UA"),
        ("ua", "UA"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_it_reads_countries_in_codes_and_every_eu_language(text, code):
    assert normalise.country(text) == code


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        *[(w, True) for w in ["yes", "Ja", "oui", "TAK", "sì", "sí", "ja", "1", "x", "WAHR"]],
        *[(w, True) for w in ["VRAI", "TRUE", True, 1, 1.0]],
        *[(w, False) for w in ["no", "Nein", "non", "nie", "nee", "0", "FALSCH", "FAUX"]],
        *[(w, False) for w in ["FALSE", False, 0]],
        ("", None),
        ("vielleicht", None),
        (2, None),
    ],
)
def test_it_reads_yes_and_no(value, meaning):
    assert normalise.yes_no(value) is meaning


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("F", Gender.FEMALE),
        ("w", Gender.FEMALE),
        ("weiblich", Gender.FEMALE),
        ("femme", Gender.FEMALE),
        ("Kobieta", Gender.FEMALE),
        ("M", Gender.MALE),
        ("H", Gender.MALE),
        ("männlich", Gender.MALE),
        ("homme", Gender.MALE),
        ("Mężczyzna", Gender.MALE),
        ("X", Gender.OTHER),
        ("D", Gender.OTHER),
        ("divers", Gender.OTHER),
        ("", ""),
        ("keine Angabe", ""),
        ("unicorn", None),
    ],
)
def test_it_reads_gender(text, gender):
    assert normalise.gender(text) == gender


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_it_never_fails_on_arbitrary_bytes_with_anything_but_a_message(content):
    call = Call.objects.first() or make_call(make_seminar(sessions=False))
    for name in ("list.csv", "list.xlsx"):
        try:
            parse(name, content, call=call)
        except ImportFileError as error:
            assert str(error)
