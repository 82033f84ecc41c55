"""Calendar helpers shared by the apps: Bulgarian public holidays."""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def public_holidays(year: int) -> frozenset[date]:
    """Bulgaria's official days off in `year` (holidays package, moved days included)."""
    return frozenset(holidays.country_holidays("BG", years=year))


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)
