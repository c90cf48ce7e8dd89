"""A per-client-IP limit on certificate lookups (page and API), counted in Django's cache.

Codes carry 100 random bits, so guessing is hopeless anyway; the limit keeps a scraper from
hammering the lookups. allauth's limiter (used for sign-ins) leaves GET requests alone, so
this one counts them itself, per fixed window, with the client address found as allauth finds
it (the same proxy settings apply).
"""

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

# lookups per window of seconds, per client IP (settings.CREDENTIAL_VERIFY_RATE overrides)
RATE = (60, 60)


def allow_lookup(request) -> bool:
    """Count one lookup by this client; False once it is over the limit in this window."""
    amount, seconds = getattr(settings, "CREDENTIAL_VERIFY_RATE", RATE)
    window = int(time.time() // seconds)
    key = f"credentials:lookups:{get_adapter().get_client_ip(request)}:{window}"
    if cache.add(key, 1, seconds + 1):
        return True
    try:
        return cache.incr(key) <= amount
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds + 1)
        return True
