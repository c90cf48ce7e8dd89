"""The published revocation list (W3C Bitstring Status List v1.0).

`/credentials/status/1` is a signed BitstringStatusListCredential whose `encodedList` is the
GZIP-compressed bitstring of STATUS_LIST_SIZE bits, multibase base64url ('u'), with the bit of
every revoked credential's `status_index` set (index 0 is the left-most bit of the first byte).
It is built from the database on each request (one query), so a revocation shows at once; the
signed document is cached under the set of revoked indices and the signing key, so it is signed
again only when that set changes.
"""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime

from django.core.cache import cache

from ..models import STATUS_LIST_SIZE, Credential
from . import keys, openbadge
from .multibase import decode_base64url, encode_base64url


def encode_bits(indices, size: int = STATUS_LIST_SIZE) -> str:
    bits = bytearray(size // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def bit_is_set(encoded: str, index: int) -> bool:
    """Raises ValueError when `encoded` is not a multibase GZIP bitstring."""
    bits = gzip.decompress(decode_base64url(encoded))
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def revoked_indices() -> list[int]:
    return list(
        Credential.objects.filter(revoked_at__isnull=False)
        .order_by("status_index")
        .values_list("status_index", flat=True)
    )


def status_list_credential() -> dict:
    """The signed list as it is now (one query; signed again only after a change)."""
    indices = revoked_indices()
    key = keys.current_key()
    digest = hashlib.sha256(",".join(map(str, indices)).encode()).hexdigest()
    cache_key = f"credentials:status-list:1:{key.key_id}:{digest}"
    signed = cache.get(cache_key)
    if signed is None:
        url = openbadge.status_list_url()
        now = datetime.now(UTC)
        document = {
            "@context": [openbadge.proofs.CREDENTIALS_V2],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": keys.issuer_did(),
            "validFrom": openbadge.timestamp(now),
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": encode_bits(indices),
            },
        }
        signed, _key_id = openbadge.sign_document(document, created=now)
        cache.set(cache_key, signed, timeout=24 * 3600)
    return signed
