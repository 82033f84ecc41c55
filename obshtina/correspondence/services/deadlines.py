"""Legal deadlines of letters and access requests, counted as the law counts days
(``obshtina.core.dates``)."""

from datetime import date

from obshtina.core.dates import add_days, add_months

from ..models import Correspondence

ACCESS_DECISION_DAYS = 14  # ЗДОИ, чл. 28, ал. 1
CLARIFICATION_DAYS = 30  # ЗДОИ, чл. 29, ал. 2: the requester's term to clarify
# ЗДОИ, чл. 30, ал. 1 (a large volume) and чл. 31, ал. 1 (a third party's consent)
EXTENSION_DAYS = {"large_volume": 10, "third_party": 14}
MIN_ACCESS_PERIOD_DAYS = 30  # ЗДОИ, чл. 35, ал. 1: access stays open at least this long
PROPOSAL_MONTHS = 2  # АПК, чл. 118 / чл. 121: complaints, proposals and signals


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
