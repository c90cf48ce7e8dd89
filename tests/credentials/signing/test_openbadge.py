"""Open Badges 3.0: what a credential says, validated against 1EdTech's JSON Schema, signed."""

from decimal import Decimal

import pytest

from crossborder.credentials.facts import ElementHours
from crossborder.credentials.signing import keys, openbadge

from .schemas import errors, open_badge_validator


def test_it_builds_an_open_badge_credential_of_the_certified_facts(issuer_key, make_credential):
    credential = make_credential()
    badge = openbadge.build_open_badge(credential)
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert badge["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert badge["issuer"]["id"] == "did:web:training.example.eu"
    assert badge["issuer"]["name"] == "Crossborder Training Consortium"
    assert badge["validFrom"] == "2026-11-18T09:30:00Z"
    subject = badge["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Ana Horvat"
    assert subject["identifier"][0]["identityType"] == "name"
    assert subject["creditsEarned"] == 10.5
    assert subject["achievement"]["creditsAvailable"] == 10.5
    assert "Vienna, Austria" in subject["achievement"]["criteria"]["narrative"]
    assert [r["value"] for r in subject["result"]] == ["6.5", "4"]
    status = badge["credentialStatus"]
    assert status["statusListIndex"] == str(credential.status_index)
    assert status["statusListCredential"] == "https://training.example.eu/credentials/status/1"


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": "completion", "place": "Online", "score_percent": 92, "hours": ()},
        {"language": "fr", "holder_name": "Ελένη Παπαδοπούλου"},
        {
            "language": "de",
            "holder_name": "Иван Петров",
            "hours": (ElementHours("prevention", "Prävention", Decimal("3")),),
            "total_hours": Decimal("3"),
        },
    ],
)
def test_the_signed_badge_validates_against_the_1edtech_schema(
    issuer_key, make_credential, changes
):
    credential = make_credential(**changes)
    signed = openbadge.sign_credential(credential)
    assert errors(open_badge_validator(), signed) == []


def test_sign_credential_saves_the_badge_and_the_key_that_signed_it(issuer_key, make_credential):
    credential = make_credential()
    openbadge.sign_credential(credential)
    credential.refresh_from_db()
    assert credential.key_id == "did:web:training.example.eu#key-1"
    [proof] = credential.open_badge["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"] == credential.key_id
    assert proof["proofValue"].startswith("z")


def test_it_writes_the_narrative_in_the_credentials_language(issuer_key, make_credential):
    badge = openbadge.build_open_badge(make_credential(language="fr"))
    assert badge["credentialSubject"]["achievement"]["inLanguage"] == "fr"


def test_without_a_key_signing_fails_clearly(key_dir, make_credential):
    with pytest.raises(keys.NoSigningKey):
        openbadge.sign_credential(make_credential())


def test_the_schema_check_knows_a_date_from_a_date_time():
    # jsonschema checks "date-time" only when rfc3339-validator is installed (a dev
    # dependency): without it, the badge's bare dates passed the schema unnoticed
    from jsonschema import FormatChecker

    assert not FormatChecker().conforms("2026-11-17", "date-time")
    assert FormatChecker().conforms("2026-11-17T23:59:59Z", "date-time")
