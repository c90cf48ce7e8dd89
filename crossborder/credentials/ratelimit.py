"""A per-client-IP limit on certificate lookups (page and API), counted in Django's cache.

Codes carry 100 random bits, so guessing is hopeless anyway; the limit keeps a scraper from
hammering the lookups. allauth's limiter (used for sign-ins) leaves GET requests alone, so
this one counts them itself, per fixed window, with the client address found as allauth finds
it (the same proxy settings apply).
"""

from django.conf import settings

from crossborder.ratelimit import client_within_limit

# lookups per window of seconds, per client IP (settings.CREDENTIAL_VERIFY_RATE overrides)
RATE = (60, 60)


def allow_lookup(request) -> bool:
    """Count one lookup by this client; False once it is over the limit in this window."""
    amount, seconds = getattr(settings, "CREDENTIAL_VERIFY_RATE", RATE)
    return client_within_limit(request, "credentials:lookups", amount, seconds)
