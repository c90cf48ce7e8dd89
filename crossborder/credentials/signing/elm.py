"""A credential in the European Learning Model (ELM 3, Europass digital credential), as JSON-LD.

The same facts as the PDF and the Open Badge: a `EuropeanDigitalCredential` whose subject (the
holder, a Person with their full name) has one claim: for attendance a LearningActivity (the
seminar, with its dates, total workload in hours and one part per curriculum element), for a
completed module a LearningAchievement influenced by that activity (with the quiz score as a
note). The awarding body is the issuer. The document validates against EBSI's published JSON
Schema for Europass EDC credentials (VCDM 2.0, ELM 3.2), shipped in schemas/.

This file is not sealed here: an eIDAS qualified seal is applied by the issuer's trust-service
provider in the EDC issuing flow (see docs/credentials.md). DisplayDetail (required by the
schema) carries a one-page SVG summary of the certificate.
"""

from __future__ import annotations

import base64
import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries.fields import Country

from . import keys
from .openbadge import timestamp

EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
EDC_GENERIC_PROFILE = "http://data.europa.eu/snb/model/ap/edc-generic-full"
LANGUAGES = {"en": ("ENG", "English"), "fr": ("FRA", "French"), "de": ("DEU", "German")}
AUTHORITY = "http://publications.europa.eu/resource/authority"


def _concept(id_: str, scheme: str, label: str, notation: str | None = None) -> dict:
    concept = {
        "id": id_,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": label},
    }
    if notation:
        concept["notation"] = notation
    return concept


def _language(code: str) -> dict:
    alpha3, name = LANGUAGES.get(code, LANGUAGES["en"])
    return _concept(f"{AUTHORITY}/language/{alpha3}", f"{AUTHORITY}/language", name, "language")


def _urn(credential, *parts) -> str:
    return uuid.uuid5(
        uuid.NAMESPACE_URL, "/".join([settings.SITE_URL, credential.code, *parts])
    ).urn


def _hours(value) -> str:
    """An ISO 8601 duration in hours ("PT7.5H")."""
    return f"PT{format(value.normalize(), 'f')}H"


def _issuer(lang: str, name: str) -> dict:
    country = Country(getattr(settings, "CREDENTIAL_ISSUER_COUNTRY", "BE"))
    return {
        "id": keys.issuer_did(),
        "type": "Organisation",
        "legalName": {lang: name},
        "location": {
            "id": f"{keys.issuer_did()}#location",
            "type": "Location",
            "address": {
                "id": f"{keys.issuer_did()}#address",
                "type": "Address",
                "countryCode": _concept(
                    f"{AUTHORITY}/country/{country.alpha3}",
                    f"{AUTHORITY}/country",
                    str(country.name),
                    "country",
                ),
            },
        },
        "homepage": {
            "id": f"{keys.issuer_did()}#homepage",
            "type": "WebResource",
            "contentURL": settings.SITE_URL,
        },
    }


def _display_image(facts) -> dict:
    svg = render_to_string("credentials_signing/elm_display.svg", {"f": facts})
    return {
        "id": f"{facts.verify_url}#display-image",
        "type": "MediaObject",
        "content": base64.b64encode(svg.encode("utf-8")).decode("ascii"),
        "contentEncoding": _concept(
            "http://data.europa.eu/snb/encoding/6146cde7dd",
            "http://data.europa.eu/snb/encoding/25831c2",
            "base64",
        ),
        "contentType": _concept(
            f"{AUTHORITY}/file-type/SVG", f"{AUTHORITY}/file-type", "SVG", "file-type"
        ),
    }


def _claim(credential, facts, lang: str, awarded_by: dict) -> dict:
    activity = {
        "id": _urn(credential, "activity"),
        "type": "LearningActivity",
        "title": {lang: facts.achievement},
        "description": {lang: facts.description},
        "workload": _hours(facts.total_hours),
        "temporal": {
            "id": _urn(credential, "period"),
            "type": "PeriodOfTime",
            "startDate": f"{facts.start_date.isoformat()}T00:00:00Z",
            "endDate": f"{facts.end_date.isoformat()}T23:59:59Z",
        },
        "additionalNote": [
            {
                "id": _urn(credential, "place"),
                "type": "Note",
                "noteLiteral": {lang: _("Place: %(place)s") % {"place": facts.place}},
            }
        ],
        "awardedBy": awarded_by,
    }
    if facts.hours:
        activity["hasPart"] = [
            {
                "id": _urn(credential, "activity", h.code),
                "type": "LearningActivity",
                "title": {lang: h.name},
                "workload": _hours(h.hours),
                "awardedBy": awarded_by,
            }
            for h in facts.hours
        ]
    if facts.kind != "completion":
        return activity
    achievement = {
        "id": _urn(credential, "achievement"),
        "type": "LearningAchievement",
        "title": {lang: facts.achievement},
        "description": {lang: facts.description},
        "influencedBy": [activity],
        "awardedBy": awarded_by,
    }
    if facts.score_percent is not None:
        achievement["additionalNote"] = [
            {
                "id": _urn(credential, "score"),
                "type": "Note",
                "noteLiteral": {
                    lang: _("Quiz passed with %(score)s %%") % {"score": facts.score_percent}
                },
            }
        ]
    return achievement


def elm_document(credential) -> dict:
    """The credential's facts as an ELM 3 European Digital Credential (JSON-LD)."""
    facts = credential.certified
    lang = facts.language if facts.language in LANGUAGES else "en"
    with translation.override(lang):
        issuer = _issuer(lang, facts.issuer_name)
        awarded_by = {
            "id": _urn(credential, "awarding"),
            "type": "AwardingProcess",
            "awardingBody": [issuer],
            "awardingDate": timestamp(facts.issued_at),
        }
        title = str(credential.Kind(facts.kind).label)
        return {
            "@context": ["https://www.w3.org/ns/credentials/v2", EDC_CONTEXT],
            "id": facts.verify_url,
            "type": ["VerifiableCredential", "VerifiableAttestation", "EuropeanDigitalCredential"],
            "credentialProfiles": [
                _concept(
                    "http://data.europa.eu/snb/credential/e34929035b",
                    "http://data.europa.eu/snb/credential/25831c2",
                    "Generic",
                )
            ],
            "credentialSchema": [{"id": EDC_GENERIC_PROFILE, "type": "ShaclValidator2017"}],
            "issuer": issuer,
            "issued": timestamp(facts.issued_at),
            "validFrom": timestamp(facts.issued_at),
            "credentialSubject": {
                "id": _urn(credential, "holder"),
                "type": "Person",
                "fullName": {lang: facts.holder_name},
                "hasClaim": [_claim(credential, facts, lang, awarded_by)],
            },
            "displayParameter": {
                "id": _urn(credential, "display"),
                "type": "DisplayParameter",
                "title": {lang: title},
                "description": {lang: facts.achievement},
                "language": [_language(lang)],
                "primaryLanguage": _language(lang),
                "individualDisplay": [
                    {
                        "id": _urn(credential, "display", lang),
                        "type": "IndividualDisplay",
                        "language": _language(lang),
                        "displayDetail": [
                            {
                                "id": _urn(credential, "display", lang, "1"),
                                "type": "DisplayDetail",
                                "image": _display_image(facts),
                                "page": 1,
                            }
                        ],
                    }
                ],
            },
        }
