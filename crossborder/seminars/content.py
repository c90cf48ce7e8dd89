"""Load the programme, its seminars, sessions and speakers from content/programme.json.

Idempotent: records are matched by slug (sessions by seminar, start and room), so running it
again updates what changed and adds what is missing without duplicating anything.
"""

import json
from datetime import date, time
from pathlib import Path

from django.db import transaction

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import ensure_taxonomy

from .models import Programme, Seminar, Session, Speaker, Venue

PROGRAMME_FILE = Path(__file__).resolve().parent.parent / "content" / "programme.json"


def _i18n(values: dict, field: str) -> dict:
    return {
        field: values.get("en", ""),
        f"{field}_fr": values.get("fr", ""),
        f"{field}_de": values.get("de", ""),
    }


@transaction.atomic
def load_programme(path: Path = PROGRAMME_FILE) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    ensure_taxonomy()
    tags = {t.code: t for t in Tag.objects.all()}
    p = data["programme"]
    programme, _ = Programme.objects.update_or_create(
        slug=p["slug"],
        defaults={
            **_i18n(p["title"], "title"),
            "funder": p["funder"],
            "grant_reference": p["grant_reference"],
            "start": date.fromisoformat(p["start"]),
            "end": date.fromisoformat(p["end"]),
            "target_participants": p["target_participants"],
            "target_mix": p["target_mix"],
        },
    )
    speakers = {}
    for s in data["speakers"]:
        speakers[s["slug"]], _ = Speaker.objects.update_or_create(
            slug=s["slug"],
            defaults={
                "name": s["name"],
                "function": s["function"],
                "organisation": s["organisation"],
                "country": s["country"],
                **_i18n(s["bio"], "bio"),
            },
        )
    counts = {"seminars": 0, "sessions": 0, "speakers": len(speakers)}
    for item in data["seminars"]:
        v = item["venue"]
        venue, _ = Venue.objects.update_or_create(
            name=v["name"],
            city=item["city"],
            defaults={
                "address": v["address"],
                "country": item["country"],
                "accessibility": v.get("accessibility", ""),
            },
        )
        seminar, _ = Seminar.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "programme": programme,
                **_i18n(item["title"], "title"),
                **_i18n(item["description"], "description"),
                "city": item["city"],
                "country": item["country"],
                "venue": venue,
                "start_date": date.fromisoformat(item["start_date"]),
                "end_date": date.fromisoformat(item["end_date"]),
                "time_zone": item["timezone"],
                "working_languages": item["working_languages"],
                "interpretation": item.get("interpretation", ""),
                "capacity": item["capacity"],
                "status": item["status"],
            },
        )
        seminar.tags.set([tags[c] for c in item.get("tags", [])])
        counts["seminars"] += 1
        for row in item["sessions"]:
            day = seminar.days[row["day"] - 1]
            start = seminar.local_datetime(day, time.fromisoformat(row["start"]))
            end = seminar.local_datetime(day, time.fromisoformat(row["end"]))
            session, _ = Session.objects.update_or_create(
                seminar=seminar,
                start=start,
                room=row.get("room", ""),
                defaults={
                    **_i18n(row["title"], "title"),
                    **_i18n(row.get("description") or {}, "description"),
                    "kind": row["kind"],
                    "end": end,
                    "track": row.get("track", ""),
                    "chair": speakers.get(row.get("chair") or ""),
                    "objectives": row.get("objectives", ""),
                    "materials": row.get("materials", []),
                },
            )
            session.speakers.set([speakers[slug] for slug in row.get("speakers", [])])
            session.tags.set([tags[c] for c in row.get("tags", [])])
            counts["sessions"] += 1
    return counts
