"""Identifiers people type, normalised to the keys stored in Citation: act numbers (2011/36,
Directive 2011/36/EU), CELEX numbers (32011L0036), CJEU cases (C-670/22, "c 670/22", with a
non-breaking hyphen), ECtHR applications (60561/14), ECLI, COM documents, CETS numbers."""

import re
import unicodedata

_CITATION = re.compile(
    r"ecli:[a-z0-9:.]+"
    r"|com\s*\(\s*\d{4}\s*\)\s*\d+"
    r"|\b[ct]\s*-?\s*\d+/\d{2}\b"
    r"|\b\d{4}/\d+\b"
    r"|\b\d+/\d{2}\b"
    r"|\b\d{5}[a-z]{1,2}\d{4}\b"
    r"|\bcets\s*(?:no\.?\s*)?\d+\b",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    text = text.replace("\u2011", "-").replace("\u2010", "-").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def citation_key(text: str) -> str:
    """'Directive (EU) 2024/1712' → '2024/1712'; 'C‑670/22' → 'c670/22';
    '2002/465/JHA' → '2002/465'. Case numbers lose their hyphen: 'C-670/22' → 'c670/22'."""
    key = re.sub(r"\s+", "", _fold(text))
    key = re.sub(r"^(?:dir(?:ective)?\.?|reg(?:ulation)?\.?|fd)", "", key)
    key = re.sub(r"\((?:eu|ec|eec)\)", "", key)
    key = re.sub(r"/(?:eu|ec|eec|jha|ue|ce)$", "", key)
    key = key.replace("no.", "")
    return re.sub(r"^([ct])-(?=\d)", r"\1", key)


def cited_keys(text: str) -> set[str]:
    """The citation keys found anywhere in a text (a module's or question's sources)."""
    return {citation_key(m.group(0)) for m in _CITATION.finditer(_fold(text))}


def citations_in(text: str) -> list[str]:
    """Citation keys in a query (already cut to its maximum length): those found in it, and
    the whole query read as one."""
    found = cited_keys(text)
    whole = citation_key(text)
    if whole and any(c.isdigit() for c in whole):
        found.add(whole)
    return sorted(found)


def refresh_citations(entry) -> None:
    """Bring the stored citation keys of one entry in step with its citations."""
    from ..models import Citation

    keys = {citation_key(c) for c in entry.citations}
    Citation.objects.filter(entry=entry).exclude(key__in=keys).delete()
    have = set(Citation.objects.filter(entry=entry).values_list("key", flat=True))
    Citation.objects.bulk_create(Citation(entry=entry, key=k) for k in sorted(keys - have) if k)


def cited_entry_ids(keys: list[str], readable) -> list[int]:
    """The readable entries (a queryset) that carry one of these citation keys."""
    from ..models import Citation

    if not keys:
        return []
    found = Citation.objects.filter(key__in=keys, entry__in=readable)
    return sorted(set(found.values_list("entry_id", flat=True)))
