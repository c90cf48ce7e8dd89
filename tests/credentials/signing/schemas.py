"""Validators of the shipped JSON Schemas (crossborder/credentials/signing/schemas/)."""

import functools
import json

from jsonschema import Draft201909Validator, Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from crossborder.credentials.signing.proofs import CONTEXTS_DIR

SCHEMAS = CONTEXTS_DIR.parent / "schemas"
ATTESTATION_REF = "./node_modules/@cef-ebsi/vcdm2.0-attestation-schema/schema.json"


def _load(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@functools.cache
def open_badge_validator():
    return Draft201909Validator(
        _load("ob_v3p0_achievementcredential_schema.json"), format_checker=FormatChecker()
    )


@functools.cache
def elm_validator():
    attestation = Resource.from_contents(_load("ebsi-attestation-vcdm2.0-schema.json"))
    # The EDC schema names the attestation schema by its path in node_modules (no $id).
    registry = Registry().with_resources(
        [(ATTESTATION_REF, attestation), (ATTESTATION_REF.removeprefix("./"), attestation)]
    )
    return Draft202012Validator(
        _load("elm-edc-vcdm2.0-schema.json"), registry=registry, format_checker=FormatChecker()
    )


def errors(validator, document) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validator.iter_errors(document)
    ]
