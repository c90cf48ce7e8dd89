"""The published revocation list (W3C Bitstring Status List)."""

import gzip
import json

from django.utils import timezone

from crossborder.credentials.models import STATUS_LIST_SIZE
from crossborder.credentials.signing import proofs, status
from crossborder.credentials.signing.keys import current_key
from crossborder.credentials.signing.multibase import decode_base64url


def _revoke(credential):
    credential.revoked_at = timezone.now()
    credential.save(update_fields=["revoked_at"])


def test_the_list_is_a_gzip_bitstring_of_the_full_size(issuer_key, client, db):
    body = json.loads(client.get("/credentials/status/1").content)
    assert body["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = body["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")
    bits = gzip.decompress(decode_base64url(subject["encodedList"]))
    assert len(bits) * 8 == STATUS_LIST_SIZE
    assert not any(bits)


def test_a_revocation_sets_its_bit_at_once_and_only_its_bit(issuer_key, make_credential, client):
    kept, revoked = make_credential(), make_credential()
    client.get("/credentials/status/1")  # cached before the revocation
    _revoke(revoked)
    encoded = json.loads(client.get("/credentials/status/1").content)["credentialSubject"][
        "encodedList"
    ]
    assert status.bit_is_set(encoded, revoked.status_index)
    assert not status.bit_is_set(encoded, kept.status_index)
    bits = gzip.decompress(decode_base64url(encoded))
    assert sum(bin(b).count("1") for b in bits) == 1


def test_the_list_is_signed_by_the_current_key(issuer_key, client, db):
    body = json.loads(client.get("/credentials/status/1").content)
    assert body["proof"]["verificationMethod"] == current_key().key_id
    assert proofs.verify(body, current_key().public)


def test_it_reads_the_list_with_one_query_however_many_are_revoked(
    issuer_key, make_credential, client, django_assert_num_queries
):
    for credential in [make_credential() for _ in range(3)]:
        _revoke(credential)
    client.get("/credentials/status/1")
    with django_assert_num_queries(1):
        assert client.get("/credentials/status/1").status_code == 200
    _revoke(make_credential())
    with django_assert_num_queries(1):
        assert client.get("/credentials/status/1").status_code == 200


def test_there_is_only_list_one(issuer_key, client, db):
    assert client.get("/credentials/status/2").status_code == 404


def test_without_a_signing_key_the_list_says_so_instead_of_failing(key_dir, client, db):
    response = client.get("/credentials/status/1")
    assert response.status_code == 503
    assert "no signing key" in json.loads(response.content)["detail"]
