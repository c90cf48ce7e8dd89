"""Multibase encodings used by Data Integrity proofs, did:web keys and the status list.

base58btc ('z' prefix) for signatures and public keys, base64url without padding ('u' prefix)
for the status list's compressed bitstring. No library in the environment has base58, and the
alphabet and algorithm are a few lines (https://www.w3.org/TR/controller-document/#multibase-0).
"""

import base64

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(B58_ALPHABET)}
# Multicodec prefixes (varint): an Ed25519 public key, an Ed25519 private key (seed).
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(B58_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Raises ValueError on a character outside the alphabet."""
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise ValueError("not base58btc")
        number = number * 58 + _B58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + b58encode(data)


def decode_base58btc(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("not a base58btc multibase value")
    return b58decode(value[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("u"):
        raise ValueError("not a base64url multibase value")
    body = value[1:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
