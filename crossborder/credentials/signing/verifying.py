"""The platform's own verifier of an Open Badges 3.0 credential file (page and API).

`verify_document(raw)` checks, in this order, and says why a credential is not valid:
size and nesting depth (before parsing: a 100 MB body or a 10,000-deep nesting is refused
cheaply), JSON, type and contexts, issuer (our did:web), proof type and cryptosuite, key
(current or retired), signature, validity dates, and status (the credential exists with that
code and that status index; revoked or not, read from the database at once).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..facts import CertifiedFacts
from ..models import Credential
from . import keys, openbadge, proofs

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


@dataclass
class Verification:
    valid: bool
    reasons: list[str] = field(default_factory=list)
    facts: CertifiedFacts | None = None
    revoked_at: datetime | None = None
    credential: Credential | None = None
    parsed: bool = True  # False: refused before it was read as a JSON object


def _unreadable(reason: str) -> Verification:
    return Verification(valid=False, reasons=[reason], parsed=False)


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects, counted without parsing (string contents
    are skipped, so a bracket inside a string does not count)."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    return max(itertools.accumulate(_STEP[b] for b in brackets), default=0)


def _refused(reason: str) -> Verification:
    return Verification(valid=False, reasons=[reason])


def _parse(raw: bytes) -> dict | Verification:
    if len(raw) > MAX_BYTES:
        return _unreadable(
            _("The file is too large (%(size)s KB); a credential is at most %(max)s KB.")
            % {"size": len(raw) // 1024, "max": MAX_BYTES // 1024}
        )
    if not raw.strip():
        return _unreadable(_("The file is empty."))
    if nesting_depth(raw) > MAX_DEPTH:
        return _unreadable(
            _("The JSON is nested more than %(max)s levels deep; no credential is.")
            % {"max": MAX_DEPTH}
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _unreadable(_("This is not JSON: a credential file is a JSON document."))
    if not isinstance(document, dict):
        return _unreadable(_("This JSON is not a credential: it must be a JSON object."))
    return document


def _issuer_id(document: dict):
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _check_shape(document: dict) -> str | None:
    types = document.get("type")
    if not isinstance(types, list) or not set(openbadge.OB_TYPES) <= set(types):
        return _("This is not an Open Badges 3.0 credential (type OpenBadgeCredential).")
    if document.get("@context") != openbadge.CONTEXT:
        return _("The credential's JSON-LD contexts are not those this platform issues.")
    if _issuer_id(document) != keys.issuer_did():
        return _("The issuer is not this platform (%(did)s).") % {"did": keys.issuer_did()}
    if document.get("proof") in (None, [], {}):
        return _("The credential has no proof (signature): it may have been stripped.")
    proof = proofs.single_proof(document)
    if proof is None:
        return _("The credential has more than one proof, or a malformed one.")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != proofs.CRYPTOSUITE:
        return _("The proof is not a Data Integrity proof with the eddsa-rdfc-2022 cryptosuite.")
    if proof.get("proofPurpose") != "assertionMethod":
        return _("The proof's purpose is not to assert a credential.")
    return None


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def _check_dates(document: dict, reasons: list[str]) -> None:
    now = timezone.now()
    valid_from = _parse_time(document.get("validFrom"))
    if valid_from is None:
        reasons.append(_("The credential has no valid validFrom date."))
    elif valid_from > now:
        reasons.append(
            _("The credential is not valid before %(date)s.") % {"date": valid_from.date()}
        )
    if "validUntil" in document:
        valid_until = _parse_time(document["validUntil"])
        if valid_until is None or valid_until <= now:
            reasons.append(_("The credential has expired."))


def _status_row(document: dict, reasons: list[str]) -> Credential | None:
    """The credential row the document names (by code, with the same status index)."""
    status = document.get("credentialStatus")
    if not isinstance(status, dict) or status.get("type") != "BitstringStatusListEntry":
        reasons.append(_("The credential has no revocation status entry."))
        return None
    if status.get("statusListCredential") != openbadge.status_list_url():
        reasons.append(_("The credential's status list is not this platform's."))
        return None
    index = status.get("statusListIndex")
    if not isinstance(index, str) or not index.isdigit():
        reasons.append(_("The credential's status index is not a number."))
        return None
    code = str(document.get("id", "")).rstrip("/").rsplit("/", 1)[-1]
    row = Credential.objects.filter(code=code).first()
    if row is None:
        reasons.append(_("No credential with this code was issued here."))
        return None
    if row.status_index != int(index):
        reasons.append(_("The status index does not belong to this credential."))
        return None
    return row


def verify_document(raw: bytes) -> Verification:
    """Whether `raw` is a valid, unrevoked credential issued and signed by this platform."""
    document = _parse(raw)
    if isinstance(document, Verification):
        return document
    problem = _check_shape(document)
    if problem:
        return _refused(problem)
    key = keys.find_key(proofs.single_proof(document).get("verificationMethod"))
    if key is None:
        return _refused(_("The credential was signed with a key that is not this platform's."))
    try:
        signed = proofs.verify(document, key.public)
    except proofs.ProofError:
        return _refused(_("The proof is malformed: its signature cannot be checked."))
    if not signed:
        return _refused(
            _("The signature does not match: the credential was changed after it was issued.")
        )
    reasons: list[str] = []
    _check_dates(document, reasons)
    row = _status_row(document, reasons)
    revoked_at = row.revoked_at if row else None
    if revoked_at:
        reasons.append(
            _("The credential was revoked on %(date)s.")
            % {"date": timezone.localtime(revoked_at).date()}
        )
    return Verification(
        valid=not reasons,
        reasons=reasons,
        facts=row.certified if row and not reasons else None,
        revoked_at=revoked_at,
        credential=row,
    )
