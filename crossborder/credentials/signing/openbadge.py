"""A credential as an Open Badges 3.0 `OpenBadgeCredential` (W3C VC Data Model 2.0), signed
with the issuer's current key as a Data Integrity proof (eddsa-rdfc-2022, see proofs.py).

How the certified facts map to OB 3.0 (https://www.imsglobal.org/spec/ob/v3p0/):
- the holder: OB 3.0's AchievementSubject has no `name`; a person is named with an
  `identifier` IdentityObject of identityType "name". The name is given in plain text
  (`hashed: false`): the certificate is shown to an employer who must read it, exactly as on the
  PDF and the verification page.
- hours: the total as `creditsAvailable` (achievement) and `creditsEarned` (subject), the
  spec's "credit hours"; the hours per curriculum element as `result`s of `resultDescription`s
  of type `ext:CPDHours`, and a completion's quiz score as a `Percent` result.
- place, dates and the kind of certificate are stated in the criteria narrative, and the dates
  as the subject's activityStartDate/activityEndDate: date-times, as the schema's "date-time"
  format requires, spanning the whole days (00:00:00Z to 23:59:59Z) since the facts hold days.
- revocation: a BitstringStatusListEntry pointing at bit `status_index` of the published list.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import keys, proofs

OB_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
CONTEXT = [proofs.CREDENTIALS_V2, proofs.OB_CONTEXT]
HOURS_RESULT = "ext:CPDHours"


def status_list_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("credential-status-list", args=[1])


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(*parts) -> str:
    """A stable identifier (UUID v5 from the site and the parts): no made-up URLs."""
    name = "/".join([settings.SITE_URL, *map(str, parts)])
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _hours(value) -> str:
    return format(value.normalize(), "f")


def _narrative(facts) -> str:
    values = {
        "place": facts.place,
        "start": date_format(facts.start_date, "DATE_FORMAT"),
        "end": date_format(facts.end_date, "DATE_FORMAT"),
        "hours": _hours(facts.total_hours),
        "issuer": facts.issuer_name,
    }
    if facts.kind == "completion":
        return (
            _(
                "Completed the online module and passed its quiz (%(place)s, %(start)s to "
                "%(end)s): %(hours)s hours of continuing professional development, "
                "certified by %(issuer)s."
            )
            % values
        )
    return (
        _(
            "Checked in and attended the seminar in %(place)s, %(start)s to %(end)s: "
            "%(hours)s hours of continuing professional development from the attendance "
            "register, certified by %(issuer)s."
        )
        % values
    )


def build_open_badge(credential) -> dict:
    """The unsigned OpenBadgeCredential of a credential, from its frozen facts."""
    facts = credential.certified
    subject_of = (credential.kind, credential.seminar_id or credential.module_id)
    with translation.override(facts.language):
        descriptions, results = [], []
        for element in facts.hours:
            rid = _urn("credentials", "hours", *subject_of, element.code)
            descriptions.append(
                {
                    "id": rid,
                    "type": ["ResultDescription"],
                    "name": _("Hours: %(element)s") % {"element": element.name},
                    "resultType": HOURS_RESULT,
                }
            )
            results.append(
                {"type": ["Result"], "resultDescription": rid, "value": _hours(element.hours)}
            )
        if facts.score_percent is not None:
            rid = _urn("credentials", "score", *subject_of)
            descriptions.append(
                {
                    "id": rid,
                    "type": ["ResultDescription"],
                    "name": _("Quiz score"),
                    "resultType": "Percent",
                }
            )
            results.append(
                {"type": ["Result"], "resultDescription": rid, "value": str(facts.score_percent)}
            )
        achievement = {
            "id": _urn("credentials", "achievement", *subject_of),
            "type": ["Achievement"],
            "achievementType": "CertificateOfCompletion"
            if facts.kind == "completion"
            else "Certificate",
            "name": facts.achievement,
            "description": facts.description,
            "criteria": {"narrative": _narrative(facts)},
            "creditsAvailable": float(facts.total_hours),
            "inLanguage": facts.language,
        }
        if descriptions:
            achievement["resultDescription"] = descriptions
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": facts.holder_name,
                "identityType": "name",
                "hashed": False,
            }
        ],
        "achievement": achievement,
        "creditsEarned": float(facts.total_hours),
        # OB 3.0 wants date-times; the facts record whole days, so the days are given whole
        "activityStartDate": f"{facts.start_date.isoformat()}T00:00:00Z",
        "activityEndDate": f"{facts.end_date.isoformat()}T23:59:59Z",
    }
    if results:
        subject["result"] = results
    status_url = status_list_url()
    return {
        "@context": list(CONTEXT),
        "id": facts.verify_url,
        "type": list(OB_TYPES),
        "name": facts.achievement,
        "issuer": {
            "id": keys.issuer_did(),
            "type": ["Profile"],
            "name": facts.issuer_name,
            "url": settings.SITE_URL,
        },
        "validFrom": timestamp(facts.issued_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_url}#{credential.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(credential.status_index),
            "statusListCredential": status_url,
        },
    }


def sign_document(document: dict, *, created: datetime | None = None) -> tuple[dict, str]:
    """The document signed with the current key, and that key's id."""
    key = keys.current_key()
    signed = proofs.sign(
        document,
        private_key=key.private,
        verification_method=key.key_id,
        created=timestamp(created or datetime.now(UTC)),
    )
    return signed, key.key_id


def sign_credential(credential) -> dict:
    """Builds, signs and saves the credential's Open Badges 3.0 form (`open_badge`, `key_id`).
    Raises keys.NoSigningKey when the issuer has no key (see `manage.py credential_keys`)."""
    signed, key_id = sign_document(build_open_badge(credential))
    signed["proof"] = [signed["proof"]]  # a proof set of one, as OB 3.0's JSON Schema wants
    credential.open_badge = signed
    credential.key_id = key_id
    credential.save(update_fields=["open_badge", "key_id"])
    return signed
