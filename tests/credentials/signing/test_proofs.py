"""eddsa-rdfc-2022 against the W3C vc-di-eddsa test vector, and the offline context loader."""

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from crossborder.credentials.signing import openbadge, proofs
from crossborder.credentials.signing.multibase import ED25519_PRIV, ED25519_PUB, decode_base58btc

# TestVectors/ of github.com/w3c/vc-di-eddsa (W3C Software and Document License), commit
# abb673eb; the examples context from github.com/w3c/vc-data-model contexts/credentials/examples/v2.
VECTORS = Path(__file__).resolve().parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


@pytest.fixture
def vector_loader():
    return proofs.ContextLoader(
        {
            proofs.CREDENTIALS_V2: proofs.CONTEXTS_DIR / "credentials-v2.jsonld",
            EXAMPLES_V2: VECTORS / "credentials-examples-v2.jsonld",
        }
    )


def _vector():
    pair = json.loads((VECTORS / "keyPair.json").read_text())
    secret = decode_base58btc(pair["privateKeyMultibase"])
    assert secret[:2] == ED25519_PRIV
    private = Ed25519PrivateKey.from_private_bytes(secret[2:])
    public = decode_base58btc(pair["publicKeyMultibase"])
    assert public[:2] == ED25519_PUB
    return private, json.loads((VECTORS / "signedDataInt.json").read_text())


def test_it_canonicalises_the_vector_document_as_the_spec_does(vector_loader):
    _private, signed = _vector()
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    expected = (VECTORS / "canonDocDataInt.txt").read_text()
    assert proofs.canonical(unsigned, vector_loader) == expected


def test_it_reproduces_the_spec_signature_of_the_test_vector(vector_loader):
    private, signed = _vector()
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    mine = proofs.sign(
        unsigned,
        private_key=private,
        verification_method=signed["proof"]["verificationMethod"],
        created=signed["proof"]["created"],
        loader=vector_loader,
    )
    assert mine["proof"] == signed["proof"]  # Ed25519 is deterministic: the same proofValue


def test_it_verifies_the_test_vector_and_refuses_a_changed_one(vector_loader):
    private, signed = _vector()
    assert proofs.verify(signed, private.public_key(), vector_loader)
    changed = {**signed, "credentialSubject": {**signed["credentialSubject"], "alumniOf": "X"}}
    assert not proofs.verify(changed, private.public_key(), vector_loader)


def test_the_loader_serves_only_vendored_contexts():
    assert proofs.LOADER(proofs.OB_CONTEXT)["document"]["@context"]
    with pytest.raises(jsonld.JsonLdError):
        proofs.LOADER("https://evil.example/context.json")
    document = {"@context": ["https://evil.example/context.json"], "name": "x"}
    with pytest.raises(proofs.ProofError):
        proofs.canonical(document)


def _keys(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("@"):
                found.add(key)
            _keys(value, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)
    return found


def test_every_term_of_an_open_badge_is_defined_by_the_contexts(issuer_key, make_credential):
    """pyld silently drops an undefined term from the canonical form, which would leave it
    unsigned: compacting the expanded document must give back every term."""
    credential = make_credential(score_percent=85)
    signed = openbadge.sign_credential(credential)
    options = {"documentLoader": proofs.LOADER}
    roundtrip = jsonld.compact(jsonld.expand(signed, options), signed["@context"], options)
    assert _keys(roundtrip, set()) == _keys(signed, set())
