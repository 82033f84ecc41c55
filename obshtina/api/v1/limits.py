"""The per-IP limit on anonymous POSTs to the JSON API (settings.API_RATE_LIMIT).

Like the site's forms, only what should count is counted: accepted submissions
and failed sign-ins, never a citizen correcting a mistake.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached

from .errors import ApiError

DEFAULT_RATE_LIMIT = "10/10m"


def _rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "API_RATE_LIMIT", ""), default=DEFAULT_RATE_LIMIT)


def refuse_if_limited(request, *, scope: str) -> None:
    """Raise 429 when this IP address has used up its anonymous POSTs for `scope`."""
    rate = _rate()
    if rate_limit_reached(request, scope=f"api:{scope}", rate=rate):
        raise ApiError(
            429,
            "rate_limited",
            _(
                "От вашата връзка бяха изпратени много заявки за кратко време. Опитайте "
                "отново след няколко минути или се обадете на контактния център."
            ),
            headers={"Retry-After": str(rate[1])},
        )


def count(request, *, scope: str) -> None:
    rate_limit_count(request, scope=f"api:{scope}", rate=_rate())
