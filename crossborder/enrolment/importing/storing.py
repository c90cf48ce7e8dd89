"""Storing the previewed rows, with the organiser's choices from the preview form.

The choices arrive with the confirmation: `profession-<line>` (the group for wording we could
not map) and `keep-<line>` ("existing" or "file") for a duplicate with conflicting values.
A person's own profile is never overwritten: the application keeps what the file says.
"""

import secrets

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import Profession, Profile, User
from crossborder.audit.models import record

from ..models import Application
from .preview import FACTS


def _chosen(rows: list[dict], choices) -> tuple[dict[str, dict], list[int]]:
    """The values to store per account, after the organiser's choices; lines left out."""
    people: dict[str, dict] = {}
    left_out = []
    for row in rows:
        values = dict(row["values"])
        if not values.get("profession"):
            values["profession"] = choices.get(f"profession-{row['line']}", "")
            if values["profession"] not in Profession.values:
                left_out.append(row["line"])
                continue
        take_file = choices.get(f"keep-{row['line']}") == "file"
        if row["conflict_with"] == "file":
            if take_file:  # the earlier line may itself have been left out or skipped
                people.setdefault(row["account"], {"update": True}).update(values)
            continue
        if row["conflict_with"] == "existing" and not take_file:
            continue
        people[row["account"]] = {**values, "update": row["conflict_with"] == "existing"}
    return people, left_out


@transaction.atomic
def import_rows(*, call, rows: list[dict], choices, by) -> dict:
    """Create people, profiles and submitted applications; update the applications whose
    conflicting values the organiser chose to take from the file."""
    from allauth.account.models import EmailAddress

    people, left_out = _chosen(rows, choices)
    users = {u.email: u for u in User.objects.filter(email__in=people)}
    new_users = [
        User(
            email=email,
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=make_password(None),
        )
        for email, data in people.items()
        if email not in users
    ]
    User.objects.bulk_create(new_users)
    users.update({u.email: u for u in User.objects.filter(email__in=people)})
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=users[u.email], email=u.email, primary=True) for u in new_users]
    )
    with_profile = set(
        Profile.objects.filter(user__in=users.values()).values_list("user_id", flat=True)
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=users[email],
                **{name: data[name] for name in ("profession", "country", "organisation")},
                gender=data["gender"],
            )
            for email, data in people.items()
            if users[email].pk not in with_profile
        ]
    )
    applied = {a.user_id: a for a in call.applications.filter(user__in=users.values())}
    now = timezone.now()
    new_applications, updated = [], []
    for email, data in people.items():
        facts = {name: data[name] for name in FACTS}
        application = applied.get(users[email].pk)
        if application is None:
            new_applications.append(
                Application(
                    call=call,
                    user=users[email],
                    status=Application.Status.SUBMITTED,
                    submitted_at=now,
                    imported=True,
                    badge_code=secrets.token_hex(8).upper(),
                    **facts,
                )
            )
        elif data["update"]:
            for name, value in facts.items():
                setattr(application, name, value)
            application.updated_at = now
            updated.append(application)
    Application.objects.bulk_create(new_applications)
    if updated:
        Application.objects.bulk_update(updated, [*FACTS, "updated_at"])
    counts = {
        "people": len(new_users),
        "applications": len(new_applications),
        "updated": len(updated),
        "left_out": len(left_out),
        "rows": len(rows),
    }
    record(actor=by, action="applications.import", obj=call.seminar, details=counts)
    counts["left_out_lines"] = ", ".join(str(n) for n in left_out)
    return counts
