"""The law's day counting (ЗДОИ with АПК/ГПК чл. 60): the day of the event is not
counted; a term ending on a Saturday, Sunday or public holiday ends on the next
working day. Expected dates are read off the Bulgarian calendar, not recomputed."""

from datetime import date

import pytest

from obshtina.correspondence.services import deadlines

DECISION_TERMS = [
    # (the event, the last day of the 14-day term, why)
    (date(2026, 6, 1), date(2026, 6, 15), "an ordinary Monday"),
    (date(2026, 6, 5), date(2026, 6, 19), "the day of registration is not counted"),
    (date(2026, 12, 20), date(2027, 1, 4), "ends on Sunday 3 January → Monday"),
    (date(2026, 2, 17), date(2026, 3, 4), "ends on 3 March, Liberation Day"),
    (date(2026, 3, 27), date(2026, 4, 14), "ends on Good Friday; Easter Monday is off too"),
    (date(2026, 4, 22), date(2026, 5, 7), "ends on 6 May, St George's Day"),
    (date(2026, 5, 10), date(2026, 5, 26), "ends on Sunday 24 May, observed on Monday 25"),
    (date(2026, 8, 23), date(2026, 9, 8), "ends on Sunday 6 September, observed on Monday 7"),
    (date(2026, 9, 8), date(2026, 9, 23), "ends on 22 September, Independence Day"),
    (date(2026, 12, 10), date(2026, 12, 29), "ends on Christmas Eve; 25, 26, 27 and 28 are off"),
    (date(2026, 12, 11), date(2026, 12, 29), "ends on Christmas Day"),
    (date(2026, 12, 12), date(2026, 12, 29), "ends on Saturday 26 December"),
    (date(2026, 12, 18), date(2027, 1, 4), "ends on 1 January, then a weekend"),
    (date(2026, 6, 6), date(2026, 6, 22), "ends on Saturday 20 June"),
]


@pytest.mark.parametrize(("event", "last_day", "why"), DECISION_TERMS)
def test_the_decision_term_is_14_days_moved_off_non_working_days(event, last_day, why):
    assert deadlines.add_days(event, 14) == last_day, why


def test_a_new_access_request_is_due_14_days_after_registration():
    due = deadlines.initial_due_date(kind="access_request", registered_on=date(2026, 12, 20))
    assert due == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("requested_on", "last_day"),
    [
        (date(2026, 3, 2), date(2026, 4, 1)),  # a Wednesday: no move
        (date(2026, 2, 1), date(2026, 3, 4)),  # 3 March
        (date(2026, 8, 7), date(2026, 9, 8)),  # Sunday 6 September, observed on 7
        (date(2026, 11, 24), date(2026, 12, 29)),  # Christmas Eve and the days after
    ],
)
def test_the_requester_has_30_days_to_clarify(requested_on, last_day):
    assert deadlines.clarification_due_date(requested_on=requested_on) == last_day


@pytest.mark.parametrize(
    ("clarified_on", "due"),
    [
        (date(2026, 4, 27), date(2026, 5, 11)),
        (date(2026, 9, 8), date(2026, 9, 23)),  # 22 September
        (date(2026, 12, 18), date(2027, 1, 4)),  # 1 January and a weekend
    ],
)
def test_the_14_days_restart_in_full_from_the_clarification(clarified_on, due):
    assert deadlines.decision_due_after_clarification(clarified_on=clarified_on) == due


@pytest.mark.parametrize(
    ("current_due", "reason", "due"),
    [
        (date(2026, 6, 15), "large_volume", date(2026, 6, 25)),
        (date(2026, 4, 30), "large_volume", date(2026, 5, 11)),  # Sunday 10 May
        (date(2026, 6, 15), "third_party", date(2026, 6, 29)),
        (date(2026, 5, 11), "third_party", date(2026, 5, 26)),  # 25 May observed
    ],
)
def test_an_extension_adds_10_or_14_days_to_the_current_term(current_due, reason, due):
    assert deadlines.extended_due_date(current_due=current_due, reason=reason) == due
