"""Per-user limits on directory searches and profile views (scraping resistance), counted in
Django's cache per fixed window, as crossborder/credentials/ratelimit.py counts lookups per IP.

allauth's limiter is configured from its own settings and leaves GET requests alone; these are
GETs by signed-in people, so the count is kept here. Contact requests have a daily limit of their
own, counted in the database (crossborder/network/services.py)."""

from django.conf import settings

from crossborder.ratelimit import within_limit

# (amount, seconds) per user: searches, profile views, cohort messages; settings.NETWORK_RATES
# overrides any of them
RATES = {"search": (60, 600), "profile": (60, 600), "post": (10, 3600)}


def allow(user, action: str) -> bool:
    """Count one `action` by this user; False once they are over its limit in this window."""
    amount, seconds = {**RATES, **getattr(settings, "NETWORK_RATES", {})}[action]
    return within_limit(f"network:{action}", user.pk, amount, seconds)
