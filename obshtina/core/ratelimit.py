"""A per-client limit on anonymous submissions, shared by the apps that take them.

Counted in the shared cache, so every app server sees the same numbers. A rate
is written like "5/10m" (5 per 10 minutes; units s, m, h, d). Callers count only
what should count (successful submissions, filled honeypots): a citizen
correcting mistakes in a form is not a flood.
"""

import re

from django.core.cache import cache

from .clients import client_address

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*")


def parse_rate(value: str, *, default: str) -> tuple[int, int]:
    """``"5/10m"`` → ``(5, 600)``; a malformed value falls back to ``default``."""
    match = _RATE.fullmatch(value or "") or _RATE.fullmatch(default)
    count, amount, unit = match.groups()
    return int(count), int(amount or 1) * _PERIODS[unit]


def is_rate(value: str) -> bool:
    """Whether ``value`` is a rate as ``parse_rate`` reads it, e.g. "600/1h"."""
    return _RATE.fullmatch(value) is not None


def _key(request, scope: str, who: str | None) -> str:
    return f"ratelimit:{scope}:{who or client_address(request)}"


def rate_limit_reached(
    request, *, scope: str, rate: tuple[int, int], who: str | None = None
) -> bool:
    """Whether ``who`` (by default the client's address) has used up ``rate``."""
    limit, _seconds = rate
    return cache.get(_key(request, scope, who), 0) >= limit


def rate_limit_count(request, *, scope: str, rate: tuple[int, int], who: str | None = None) -> None:
    _limit, seconds = rate
    key = _key(request, scope, who)
    cache.add(key, 0, timeout=seconds)  # the window starts with the first submission
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=seconds)
