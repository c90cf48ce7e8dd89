"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C vc-di-eddsa).

Sign: canonicalise the proof options and the document with RDF Dataset Canonicalization
(RDFC-1.0, pyld's URDNA2015), hash each with SHA-256, sign proof-hash ‖ document-hash with
Ed25519, and attach the signature as `proofValue` (multibase base58btc). Verify: the same in
reverse, with the public key of the proof's verification method.

JSON-LD contexts come only from the files vendored in contexts/ (see its README): the document
loader refuses every other URL, so nothing is fetched at run time and a credential cannot make
the verifier fetch anything.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from .multibase import decode_base58btc, encode_base58btc

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_CONTEXT: "ob-context-3.0.3.json",
}
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(Exception):
    """The document cannot be canonicalised, or its proof is malformed."""


class ContextLoader:
    """A pyld document loader serving only the vendored contexts, each file parsed once."""

    def __init__(self, files: dict[str, Path]):
        self.files = files
        self.parsed: dict[str, dict] = {}

    def __call__(self, url, options=None):
        if url not in self.files:
            raise jsonld.JsonLdError(
                f"Context not available offline: {url}",
                "jsonld.LoadDocumentError",
                code="loading document failed",
            )
        if url not in self.parsed:
            self.parsed[url] = json.loads(self.files[url].read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": self.parsed[url]}


LOADER = ContextLoader({url: CONTEXTS_DIR / name for url, name in CONTEXT_FILES.items()})


def canonical(document: dict, loader=LOADER) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    try:
        return jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader,
            },
        )
    except (jsonld.JsonLdError, TypeError, ValueError, RecursionError) as e:
        raise ProofError(str(e)) from e


def _hash_data(document: dict, proof_options: dict, loader) -> bytes:
    """proof-config hash ‖ document hash (vc-di-eddsa, 3.3.4 Hashing)."""
    return (
        hashlib.sha256(canonical(proof_options, loader).encode("utf-8")).digest()
        + hashlib.sha256(canonical(document, loader).encode("utf-8")).digest()
    )


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    loader=LOADER,
) -> dict:
    """A copy of `document` with a DataIntegrityProof (eddsa-rdfc-2022) in `proof`."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    options = {**proof, "@context": unsigned["@context"]}
    signature = private_key.sign(_hash_data(unsigned, options, loader))
    return {
        **copy.deepcopy(unsigned),
        "proof": {**proof, "proofValue": encode_base58btc(signature)},
    }


def single_proof(document: dict) -> dict | None:
    """The document's one proof: an object, or a proof set of one (Open Badges 3.0's JSON
    Schema wants `proof` as an array)."""
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    return proof if isinstance(proof, dict) else None


def verify(document: dict, public_key: Ed25519PublicKey, loader=LOADER) -> bool:
    """Whether the document's proof is a valid eddsa-rdfc-2022 signature by `public_key`.
    Raises ProofError when the proof is missing or malformed."""
    proof = single_proof(document)
    if proof is None:
        raise ProofError("no proof")
    try:
        signature = decode_base58btc(proof.get("proofValue"))
    except ValueError as e:
        raise ProofError("proofValue is not base58btc") from e
    if len(signature) != 64:
        raise ProofError("proofValue is not an Ed25519 signature")
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = unsigned.get("@context")
    try:
        public_key.verify(signature, _hash_data(unsigned, options, loader))
    except InvalidSignature:
        return False
    return True
