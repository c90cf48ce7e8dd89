"""Storing an imported question bank: identity (idnumber, else name, within the module),
embedded images through the storage API, and the audit entry."""

import base64
import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from .interchange.common import identity, replace_references, slug_for
from .models import Module, Question

STORED_FIELDS = (
    "name",
    "idnumber",
    "kind",
    "category",
    "text",
    "data",
    "explanation",
    "source",
    "hidden",
    "penalty",
    "default_grade",
    "labels",
    "hints",
    "feedback",
)


def existing_identities(module: Module) -> set[tuple[str, str]]:
    """What the bank already holds: its idnumbers, and the names of its questions."""
    found = set()
    for idnumber, name, key in module.questions.values_list("idnumber", "name", "key"):
        if idnumber:
            found.add(("id", idnumber))
        found.add(("name", name or key))
    return found


def mark_present(module: Module, items: list[dict]) -> None:
    """Note on each valid item that is already in the bank, or earlier in the same file."""
    present = existing_identities(module)
    seen = set()
    for item in items:
        if item["errors"]:
            continue
        ident = identity(item["idnumber"], item["name"])
        if ident in present:
            item["note"] = _("Already in the bank: left as it is.")
        elif ident in seen:
            item["note"] = _("Appears earlier in this file: imported once.")
        seen.add(ident)


def _store_file(file: dict) -> tuple[str, str]:
    """(storage path, URL) of one embedded file, stored once per content."""
    content = base64.b64decode(file["content"])
    digest = hashlib.sha256(content).hexdigest()[:20]
    path = f"questions/{digest}/{get_valid_filename(file['name'].rsplit('/', 1)[-1])}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(content))
    return path, default_storage.url(path)


def _with_urls(value, urls: dict[str, str]):
    if not urls:
        return value
    if isinstance(value, str):
        return replace_references(value, urls)
    return json.loads(replace_references(json.dumps(value), urls))


@transaction.atomic
def import_questions(*, module: Module, items: list[dict], by) -> int:
    """Add previewed, valid questions to a module's bank; those already there are skipped."""
    present = existing_identities(module)
    keys = set(module.questions.values_list("key", flat=True))
    created = 0
    for item in items:
        ident = identity(item["idnumber"], item["name"])
        if ident in present:
            continue
        present.add(ident)
        files, urls = [], {}
        for file in item.get("files", []):
            path, url = _store_file(file)
            urls[file["name"]] = url
            files.append({"name": file["name"], "path": file.get("path", "/"), "storage": path})
        key, n = slug_for(item["name"]), 2
        base = key
        while key in keys:
            key, n = f"{base[:85]}-{n}", n + 1
        keys.add(key)
        fields = {f: _with_urls(item[f], urls) for f in STORED_FIELDS}
        fields["source"] = fields["source"][:400]
        Question.objects.create(module=module, key=key, files=files, **fields)
        created += 1
    record(actor=by, action="questions.import", obj=module, details={"created": created})
    return created
