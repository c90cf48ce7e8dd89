"""The verifier: untouched credentials verify; any single change, a foreign signature, a
revocation or a hostile body is reported with its reason, never as valid and never a 500."""

import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from crossborder.credentials.signing import keys, openbadge, proofs
from crossborder.credentials.signing.verifying import verify_document


def _raw(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def signed(issuer_key, make_credential):
    credential = make_credential()
    return credential, openbadge.sign_credential(credential)


def test_an_untouched_credential_is_valid_with_its_facts(signed):
    credential, document = signed
    result = verify_document(_raw(document))
    assert result.valid, result.reasons
    assert result.reasons == []
    assert result.facts.holder_name == "Ana Horvat"
    assert result.facts.code == credential.code


def _change(document, path, value):
    changed = copy.deepcopy(document)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


def _foreign_signature(document):
    """Signed correctly, but with somebody else's key claiming to be ours."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    forged = proofs.sign(
        unsigned,
        private_key=Ed25519PrivateKey.generate(),
        verification_method=document["proof"][0]["verificationMethod"],
        created=document["proof"][0]["created"],
    )
    return {**forged, "proof": [forged["proof"]]}


def _foreign_key(document):
    """Signed with another key that names itself: not one of ours."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    return proofs.sign(
        unsigned,
        private_key=Ed25519PrivateKey.generate(),
        verification_method="did:web:training.example.eu#key-99",
        created="2026-11-18T09:30:00Z",
    )


TAMPERING = {
    "changed name": (
        lambda d: _change(
            d, ["credentialSubject", "identifier", 0, "identityHash"], "Somebody Else"
        ),
        "signature does not match",
    ),
    "changed hours": (
        lambda d: _change(d, ["credentialSubject", "creditsEarned"], 40.0),
        "signature does not match",
    ),
    "changed element hours": (
        lambda d: _change(d, ["credentialSubject", "result", 0, "value"], "16.5"),
        "signature does not match",
    ),
    "changed date": (
        lambda d: _change(d, ["validFrom"], "2026-10-01T09:30:00Z"),
        "signature does not match",
    ),
    "changed seminar": (
        lambda d: _change(d, ["credentialSubject", "achievement", "name"], "Advanced course"),
        "signature does not match",
    ),
    "swapped issuer": (
        lambda d: _change(d, ["issuer", "id"], "did:web:diplomas.example.com"),
        "issuer is not this platform",
    ),
    "stripped proof": (
        lambda d: {k: v for k, v in d.items() if k != "proof"},
        "has no proof",
    ),
    "signature from another key": (_foreign_signature, "signature does not match"),
    "key that is not ours": (_foreign_key, "key that is not this platform"),
    "changed status index": (
        lambda d: _change(d, ["credentialStatus", "statusListIndex"], "5"),
        "signature does not match",
    ),
    "other cryptosuite": (
        lambda d: _change(d, ["proof", 0, "cryptosuite"], "ecdsa-rdfc-2019"),
        "eddsa-rdfc-2022",
    ),
    "garbled proof value": (
        lambda d: _change(d, ["proof", 0, "proofValue"], "z0OIl"),
        "proof is malformed",
    ),
    "other contexts": (
        lambda d: _change(d, ["@context"], ["https://www.w3.org/ns/credentials/v2"]),
        "contexts",
    ),
    "not a badge": (lambda d: _change(d, ["type"], ["VerifiableCredential"]), "Open Badges 3.0"),
}


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
def test_any_single_change_makes_it_not_valid_with_its_reason(signed, case):
    _credential, document = signed
    tamper, reason = TAMPERING[case]
    result = verify_document(_raw(tamper(document)))
    assert not result.valid
    assert result.facts is None
    assert len(result.reasons) == 1 and reason in result.reasons[0], result.reasons


def test_a_credential_signed_before_a_key_rotation_still_verifies(signed):
    _credential, old = signed
    keys.create_key()
    assert keys.current_key().number == 2
    assert verify_document(_raw(old)).valid
    fresh = openbadge.sign_credential(_credential)
    assert fresh["proof"][0]["verificationMethod"].endswith("#key-2")
    assert verify_document(_raw(fresh)).valid


def test_a_revoked_credential_is_reported_with_its_date_at_once(signed):
    credential, document = signed
    credential.revoked_at = timezone.now()
    credential.revoked_reason = "Attendance register corrected"
    credential.save(update_fields=["revoked_at", "revoked_reason"])
    result = verify_document(_raw(document))
    assert not result.valid
    assert result.revoked_at == credential.revoked_at
    assert "revoked" in result.reasons[0]


def test_a_credential_whose_row_is_gone_is_not_valid(signed):
    credential, document = signed
    credential.delete()
    result = verify_document(_raw(document))
    assert not result.valid and "No credential with this code" in result.reasons[0]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"{not json", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        (b"[1, 2, 3]", "JSON object"),
        (b"[" * 10_000 + b"]" * 10_000, "nested"),
        (b'{"a": ' * 5_000 + b"1" + b"}" * 5_000, "nested"),
        (b'{"x": "' + b"a" * (300 * 1024) + b'"}', "too large"),
    ],
    ids=["empty", "not json", "not utf-8", "array", "deep arrays", "deep objects", "large"],
)
def test_hostile_bodies_are_refused_cheaply_with_a_reason(db, key_dir, body, reason):
    result = verify_document(body)
    assert not result.valid and not result.parsed
    assert reason in result.reasons[0]


def test_brackets_inside_strings_do_not_count_as_nesting(signed):
    _credential, document = signed
    changed = _change(document, ["name"], "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{")
    result = verify_document(_raw(changed))
    assert result.parsed and "signature does not match" in result.reasons[0]
