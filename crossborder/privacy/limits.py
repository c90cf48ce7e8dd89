"""How often a person may download their data: a few times an hour, counted in Django's cache.

The export reads every app, so a loop of downloads would load the database for nothing."""

import time

from django.conf import settings
from django.core.cache import cache

# downloads per window of seconds, per person (settings.PRIVACY_EXPORT_RATE overrides)
RATE = (5, 3600)


def allow_export(user) -> bool:
    """Count one download by this person; False once they are over the limit in this window."""
    amount, seconds = getattr(settings, "PRIVACY_EXPORT_RATE", RATE)
    window = int(time.time() // seconds)
    key = f"privacy:exports:{user.pk}:{window}"
    if cache.add(key, 1, seconds + 1):
        return True
    try:
        return cache.incr(key) <= amount
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds + 1)
        return True
