"""A fixed-window counter in Django's cache, shared by the limits that allauth's limiter does
not cover (GET requests, per-person counts): certificate lookups and anonymous library searches
per client address, directory searches per person, data downloads per person."""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def within_limit(name: str, who, amount: int, seconds: int) -> bool:
    """Count one event of `name` by `who` in the current window of `seconds`; False once the
    window holds more than `amount`."""
    key = f"{name}:{who}:{int(time.time() // seconds)}"
    if cache.add(key, 1, seconds + 1):
        return amount >= 1
    try:
        return cache.incr(key) <= amount
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds + 1)
        return True


def client_within_limit(request, name: str, amount: int, seconds: int) -> bool:
    """within_limit per client address, found as allauth finds it for sign-ins (the same proxy
    settings apply)."""
    return within_limit(name, get_adapter().get_client_ip(request), amount, seconds)
