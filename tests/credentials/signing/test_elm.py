"""The European Learning Model export, validated against EBSI's published EDC JSON Schema."""

import base64

import pytest

from crossborder.credentials.signing.elm import elm_document

from .schemas import elm_validator, errors


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": "completion", "place": "Online", "score_percent": 88, "hours": ()},
        {"language": "de", "holder_name": "Jürgen Öztürk-Nowak"},
    ],
    ids=["attendance", "completion", "german"],
)
def test_every_export_validates_against_the_edc_schema(key_dir, make_credential, changes):
    document = elm_document(make_credential(**changes))
    assert errors(elm_validator(), document) == []


def test_it_states_the_same_facts_as_the_certificate(key_dir, make_credential):
    document = elm_document(make_credential())
    subject = document["credentialSubject"]
    assert subject["fullName"] == {"en": "Ana Horvat"}
    [activity] = subject["hasClaim"]
    assert activity["type"] == "LearningActivity"
    assert activity["workload"] == "PT10.5H"
    assert [p["workload"] for p in activity["hasPart"]] == ["PT6.5H", "PT4H"]
    assert activity["awardedBy"]["awardingBody"][0]["id"] == "did:web:training.example.eu"
    assert document["displayParameter"]["primaryLanguage"]["id"].endswith("/language/ENG")
    image = document["displayParameter"]["individualDisplay"][0]["displayDetail"][0]["image"]
    svg = base64.b64decode(image["content"]).decode()
    assert svg.startswith("<?xml") and "Ana Horvat" in svg and "10.5 hours" in svg


def test_a_completion_is_an_achievement_with_its_score(key_dir, make_credential):
    document = elm_document(
        make_credential(kind="completion", place="Online", score_percent=88, hours=())
    )
    [achievement] = document["credentialSubject"]["hasClaim"]
    assert achievement["type"] == "LearningAchievement"
    assert "88" in achievement["additionalNote"][0]["noteLiteral"]["en"]
