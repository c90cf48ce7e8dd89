"""The issuer's keys: files outside the database, did:web document, JWKS, rotation."""

import stat

from django.core.management import call_command

from crossborder.credentials.signing import keys
from crossborder.credentials.signing.multibase import ED25519_PUB, decode_base58btc


def test_ensure_creates_one_key_with_a_private_file_only_the_owner_reads(key_dir):
    key, created = keys.ensure_key()
    assert created and key.number == 1
    assert stat.S_IMODE((key_dir / "key-1.pem").stat().st_mode) == 0o600
    again, created = keys.ensure_key()
    assert not created and again.number == 1
    assert sorted(p.name for p in key_dir.iterdir()) == ["key-1.pem", "key-1.pub.pem"]


def test_the_key_id_is_a_verification_method_of_the_did_web(key_dir, settings):
    key, _ = keys.ensure_key()
    assert key.key_id == "did:web:training.example.eu#key-1"
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert keys.issuer_did() == "did:web:127.0.0.1%3A8000"


def test_rotation_keeps_the_old_public_key_and_drops_its_private_key(key_dir):
    call_command("credential_keys", "--ensure", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("credential_keys", "--rotate", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert keys.current_key().number == 2
    assert [(k.number, k.retired) for k in keys.all_keys()] == [(1, True), (2, False)]
    assert not (key_dir / "key-1.pem").exists()
    assert (key_dir / "key-1.pub.pem").exists()


def test_did_json_lists_every_key_as_a_multikey(client, key_dir):
    keys.ensure_key()
    keys.create_key()
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    document = response.json()
    assert document["id"] == "did:web:training.example.eu"
    methods = document["verificationMethod"]
    assert [m["id"] for m in methods] == [
        "did:web:training.example.eu#key-1",
        "did:web:training.example.eu#key-2",
    ]
    assert document["assertionMethod"] == [m["id"] for m in methods]
    for method, key in zip(methods, keys.all_keys(), strict=True):
        assert method["type"] == "Multikey"
        assert method["publicKeyMultibase"].startswith("z6Mk")
        assert decode_base58btc(method["publicKeyMultibase"]) == ED25519_PUB + key.raw_public


def test_jwks_json_has_the_same_keys_as_okp(client, key_dir):
    keys.ensure_key()
    body = client.get("/.well-known/jwks.json").json()
    [jwk] = body["keys"]
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519"
    assert jwk["kid"] == "did:web:training.example.eu#key-1"
    assert len(jwk["x"]) == 43  # 32 bytes, base64url without padding


def test_without_keys_the_did_document_is_empty_and_nothing_breaks(client, key_dir):
    assert client.get("/.well-known/did.json").json()["verificationMethod"] == []
