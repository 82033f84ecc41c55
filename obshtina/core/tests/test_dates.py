"""Legal terms counted as the law counts them: the same date months later, the next
working day after a weekend or a Bulgarian public holiday. Expected dates are read
off the calendar, not recomputed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from obshtina.core import dates

SOFIA = ZoneInfo("Europe/Sofia")


def test_weekends_and_holidays_are_not_working_days():
    assert dates.is_working_day(date(2026, 6, 15))
    assert not dates.is_working_day(date(2026, 6, 20))  # Saturday
    assert not dates.is_working_day(date(2026, 5, 6))  # St George's Day, a Wednesday
    assert dates.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)


@pytest.mark.parametrize(
    ("event", "last_day", "why"),
    [
        (date(2026, 10, 30), date(2026, 12, 30), "the same date two months later"),
        (date(2026, 12, 31), date(2027, 3, 1), "no 31 February: the 28th, a Sunday → Monday"),
        (date(2027, 12, 31), date(2028, 2, 29), "a leap year's last day of February"),
        (
            date(2026, 10, 24),
            date(2026, 12, 29),
            "Christmas; the 26th observed on the 28th",
        ),
        (date(2026, 1, 3), date(2026, 3, 4), "3 March, Liberation Day → the 4th"),
    ],
)
def test_a_term_of_two_months(event, last_day, why):
    assert dates.add_months(event, 2) == last_day, why


def test_the_day_of_a_moment_is_its_day_in_sofia():
    # 23:30 UTC on 31 December is already New Year's Day in Sofia.
    assert dates.local_day(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))) == date(
        2027, 1, 1
    )


def test_a_term_runs_to_the_end_of_its_last_day_in_sofia():
    end = dates.end_of_day(date(2026, 10, 25))  # the day the clocks go back
    assert end.astimezone(SOFIA).replace(tzinfo=None) == datetime(2026, 10, 25, 23, 59, 59, 999999)
    assert end.utcoffset().total_seconds() == 2 * 3600
