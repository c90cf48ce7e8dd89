"""Load the taxonomy from content/taxonomy.json (idempotent: updates by code)."""

import json
from pathlib import Path

TAXONOMY_FILE = Path(__file__).resolve().parent.parent / "content" / "taxonomy.json"


def load_taxonomy(tag_model) -> int:
    """Create or update every tag of the data file; returns how many there are."""
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    for item in data["tags"]:
        tag_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "kind": item["kind"],
                "order": item["order"],
                "name": item["name"]["en"],
                "name_fr": item["name"].get("fr", ""),
                "name_de": item["name"].get("de", ""),
                "short": item["short"]["en"],
                "short_fr": item["short"].get("fr", ""),
                "short_de": item["short"].get("de", ""),
            },
        )
    return len(data["tags"])


def ensure_taxonomy() -> None:
    """Load the taxonomy if the database has none: a flushed database keeps its applied
    migrations but not the data they loaded, and the content loaders tag everything with it."""
    from .models import Tag

    if not Tag.objects.exists():
        load_taxonomy(Tag)
