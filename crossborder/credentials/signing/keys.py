"""The issuer's Ed25519 keys, kept in files outside the database (settings.CREDENTIAL_KEY_DIR).

Layout of the folder, one pair per key number n:
- `key-<n>.pub.pem`: the public key (SubjectPublicKeyInfo PEM), kept for ever;
- `key-<n>.pem`: the private key (PKCS#8 PEM, mode 0600), only for the current key.

The current key is the highest number that still has its private key. Rotation creates key n+1
and deletes the private key of the old one: the old public key stays published in the DID
document, so everything signed before still verifies, and nothing new can be signed with it.

Each key is a verification method of the issuer's DID, `did:web:<host>#key-<n>`; the DID
document (`/.well-known/did.json`) and the JWKS (`/.well-known/jwks.json`) list every key.
"""

from __future__ import annotations

import base64
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from .multibase import ED25519_PUB, encode_base58btc

KEY_FILE = re.compile(r"^key-(\d+)\.pub\.pem$")


class NoSigningKey(Exception):
    """No current key: run `manage.py credential_keys --ensure`."""


@dataclass(frozen=True)
class IssuerKey:
    number: int
    public: Ed25519PublicKey
    private: Ed25519PrivateKey | None  # None for a retired key

    @property
    def key_id(self) -> str:
        return f"{issuer_did()}#key-{self.number}"

    @property
    def raw_public(self) -> bytes:
        return self.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def public_multibase(self) -> str:
        """Multikey form: multicodec ed25519-pub (0xed01) + the raw key, base58btc."""
        return encode_base58btc(ED25519_PUB + self.raw_public)

    @property
    def retired(self) -> bool:
        return self.private is None


def issuer_did() -> str:
    """did:web of the platform's host; a port is percent-encoded (`did:web:host%3A8000`)."""
    parts = urlsplit(settings.SITE_URL)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}:{parts.port}"
    return "did:web:" + quote(host, safe="")


def key_dir() -> Path:
    return Path(settings.CREDENTIAL_KEY_DIR)


def all_keys() -> list[IssuerKey]:
    """Every key, oldest first (current and retired). The files are parsed once per set of
    file names: key files are created once (never rewritten), so the names are the state."""
    folder = key_dir()
    try:
        names = tuple(sorted(os.listdir(folder)))
    except FileNotFoundError:
        return []
    return list(_read_keys(str(folder), names))


@functools.lru_cache(maxsize=8)
def _read_keys(folder: str, names: tuple[str, ...]) -> tuple[IssuerKey, ...]:
    keys = []
    for name in names:
        match = KEY_FILE.match(name)
        if not match:
            continue
        number = int(match[1])
        path = Path(folder) / name
        public = serialization.load_pem_public_key(path.read_bytes())
        private = None
        if f"key-{number}.pem" in names:
            private_bytes = (Path(folder) / f"key-{number}.pem").read_bytes()
            private = serialization.load_pem_private_key(private_bytes, password=None)
        keys.append(IssuerKey(number, public, private))
    return tuple(sorted(keys, key=lambda k: k.number))


def current_key() -> IssuerKey:
    signing = [k for k in all_keys() if not k.retired]
    if not signing:
        raise NoSigningKey("No credential signing key: run manage.py credential_keys --ensure.")
    return signing[-1]


def find_key(key_id: str) -> IssuerKey | None:
    """The key (current or retired) whose verification method id is `key_id`."""
    return next((k for k in all_keys() if k.key_id == key_id), None)


def _write(path: Path, data: bytes, mode: int) -> None:
    # Created with its final mode: the private key is never readable by others, not even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def create_key() -> IssuerKey:
    """A new current key (number = highest + 1); any older private key is deleted (retired)."""
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    existing = all_keys()
    number = existing[-1].number + 1 if existing else 1
    private = Ed25519PrivateKey.generate()
    _write(
        folder / f"key-{number}.pem",
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        0o600,
    )
    _write(
        folder / f"key-{number}.pub.pem",
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        0o644,
    )
    for old in existing:
        (folder / f"key-{old.number}.pem").unlink(missing_ok=True)
    return current_key()


def ensure_key() -> tuple[IssuerKey, bool]:
    """The current key, creating one if there is none; and whether it was created."""
    try:
        return current_key(), False
    except NoSigningKey:
        pass
    try:
        return create_key(), True
    except FileExistsError:  # another process created it at the same moment
        return current_key(), False


def did_document() -> dict:
    """The issuer's DID document: every key (current and retired) as a Multikey that may
    assert credentials, so that a credential signed before a rotation still verifies."""
    did = issuer_did()
    keys = all_keys()
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": k.key_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": k.public_multibase,
            }
            for k in keys
        ],
        "assertionMethod": [k.key_id for k in keys],
    }


def jwks() -> dict:
    """The same keys as a JSON Web Key Set (RFC 8037: OKP, Ed25519)."""
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": base64.urlsafe_b64encode(k.raw_public).rstrip(b"=").decode("ascii"),
                "kid": k.key_id,
                "alg": "EdDSA",
                "use": "sig",
            }
            for k in all_keys()
        ]
    }
