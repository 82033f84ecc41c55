"""Calendar helpers shared by the apps: Bulgarian public holidays and legal terms.

Terms are counted as the law counts them (АПК чл. 60, ГПК чл. 60): the day of the
event is not counted, and a term ending on a non-working day (a weekend or a
Bulgarian public holiday) ends on the next working day.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

SOFIA = ZoneInfo("Europe/Sofia")


@lru_cache(maxsize=16)
def public_holidays(year: int) -> frozenset[date]:
    """Bulgaria's official days off in `year` (holidays package, moved days included)."""
    return frozenset(holidays.country_holidays("BG", years=year))


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_days(start: date, days: int) -> date:
    """The last day of a term of ``days`` days from the event on ``start``."""
    return next_working_day(start + timedelta(days=days))


def add_months(start: date, months: int) -> date:
    """The last day of a term of ``months`` months: the same date that many months on,
    or that month's last day when it has no such date (31 December + 2 → 28/29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return next_working_day(date(year, month, day))
        except ValueError:
            continue
    return next_working_day(date(year, month, min(start.day, 28)))


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in Sofia, whatever zone it is stored in."""
    return moment.astimezone(SOFIA).date()


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in Sofia: a term runs to the end of its last day."""
    return datetime.combine(day, time.max, tzinfo=SOFIA)


# The offsets clocks on Earth use (UTC-12 to UTC+14); ISO 8601 writes up to ±23:59,
# which PostgreSQL refuses beyond ±15:59.
EARLIEST_OFFSET, LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)


def has_earthly_offset(moment: datetime) -> bool:
    """Whether an aware ``moment`` is written in a zone some clock keeps."""
    return EARLIEST_OFFSET <= moment.utcoffset() <= LATEST_OFFSET
