"""How often a person may download their data: a few times an hour, counted in Django's cache.

The export reads every app, so a loop of downloads would load the database for nothing."""

from django.conf import settings

from crossborder.ratelimit import within_limit

# downloads per window of seconds, per person (settings.PRIVACY_EXPORT_RATE overrides)
RATE = (5, 3600)


def allow_export(user) -> bool:
    """Count one download by this person; False once they are over the limit in this window."""
    amount, seconds = getattr(settings, "PRIVACY_EXPORT_RATE", RATE)
    return within_limit("privacy:exports", user.pk, amount, seconds)
