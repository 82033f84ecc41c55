"""Legal deadlines, counted as the law counts days (АПК чл. 60, ГПК чл. 60):
the day of the event is not counted, and a term ending on a non-working day
(weekend or Bulgarian public holiday) ends on the next working day.
"""

from datetime import date, timedelta

import holidays

from ..models import Correspondence

ACCESS_DECISION_DAYS = 14  # ЗДОИ, чл. 28, ал. 1
CLARIFICATION_DAYS = 30  # ЗДОИ, чл. 29, ал. 2: the requester's term to clarify
# ЗДОИ, чл. 30, ал. 1 (a large volume) and чл. 31, ал. 1 (a third party's consent)
EXTENSION_DAYS = {"large_volume": 10, "third_party": 14}
MIN_ACCESS_PERIOD_DAYS = 30  # ЗДОИ, чл. 35, ал. 1: access stays open at least this long
PROPOSAL_MONTHS = 2  # АПК, чл. 118 / чл. 121: complaints, proposals and signals


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("BG", years=day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_days(start: date, days: int) -> date:
    return next_working_day(start + timedelta(days=days))


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # A term in months ends on the same date of the last month, or that month's last day.
    for day in range(start.day, 27, -1):
        try:
            return next_working_day(date(year, month, day))
        except ValueError:
            continue
    return next_working_day(date(year, month, min(start.day, 28)))


def clarification_due_date(*, requested_on: date) -> date:
    """The last day the requester may clarify a request (ЗДОИ, чл. 29, ал. 2)."""
    return add_days(requested_on, CLARIFICATION_DAYS)


def decision_due_after_clarification(*, clarified_on: date) -> date:
    """The 14 days run again, in full, from the day of the clarification (чл. 29, ал. 1)."""
    return add_days(clarified_on, ACCESS_DECISION_DAYS)


def extended_due_date(*, current_due: date, reason: str) -> date:
    """The decision term after an extension (чл. 30 / чл. 31): counted on from the current term."""
    return add_days(current_due, EXTENSION_DAYS[reason])


def initial_due_date(*, kind: str, registered_on: date) -> date:
    if kind == Correspondence.Kind.ACCESS_REQUEST:
        return add_days(registered_on, ACCESS_DECISION_DAYS)
    return add_months(registered_on, PROPOSAL_MONTHS)
