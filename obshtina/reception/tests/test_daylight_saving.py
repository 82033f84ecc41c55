"""A 09:00 reception stays 09:00 on the clock across the daylight-saving changes
(the last Sundays of March and October), and a skipped hour is never offered."""

import itertools
from datetime import UTC, date, datetime

import pytest
import time_machine

from ..models import Appointment
from ..slots import SOFIA, free_slots
from .factories import ScheduleFactory, book

pytestmark = pytest.mark.django_db

SPRING_FORWARD = date(2027, 3, 28)  # 03:00 EET becomes 04:00 EEST
FALL_BACK = date(2027, 10, 31)  # 04:00 EEST becomes 03:00 EET
BEFORE = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def sunday_schedule(start, end):
    return ScheduleFactory(valid_from=date(2027, 1, 1), windows=[(6, start, end, 60, None, None)])


def slots_on(schedule, day, now=BEFORE):
    return free_slots([schedule], first_day=day, last_day=day, now=now)[schedule.pk]


def test_nine_oclock_is_nine_oclock_on_the_clock_on_both_change_days(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = sunday_schedule("09:00", "11:00")

    spring = slots_on(schedule, SPRING_FORWARD)
    autumn = slots_on(schedule, FALL_BACK)

    assert [slot.starts_at.astimezone(SOFIA).strftime("%H:%M") for slot in spring] == [
        "09:00",
        "10:00",
    ]
    assert [slot.starts_at.astimezone(SOFIA).strftime("%H:%M") for slot in autumn] == [
        "09:00",
        "10:00",
    ]
    # In UTC, summer time is three hours ahead, winter time two.
    assert spring[0].starts_at.astimezone(UTC).hour == 6
    assert autumn[0].starts_at.astimezone(UTC).hour == 7


def test_the_hour_that_does_not_exist_in_march_is_not_offered(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = sunday_schedule("02:00", "05:00")

    starts = [s.starts_at.strftime("%H:%M") for s in slots_on(schedule, SPRING_FORWARD)]

    assert starts == ["02:00", "04:00"]


def real_minutes(slot) -> float:
    return (slot.ends_at.astimezone(UTC) - slot.starts_at.astimezone(UTC)).total_seconds() / 60


def test_meetings_across_the_march_change_last_their_real_length(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = sunday_schedule("02:00", "05:00")

    slots = slots_on(schedule, SPRING_FORWARD)

    # 02:00 EET + one hour is 04:00 EEST on the clock: the next meeting starts then.
    assert [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in slots] == [
        ("02:00", "04:00"),
        ("04:00", "05:00"),
    ]
    assert [real_minutes(slot) for slot in slots] == [60, 60]


def test_meetings_across_the_october_change_last_their_real_length(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = sunday_schedule("02:00", "05:00")

    slots = slots_on(schedule, FALL_BACK)

    # 03:00 happens twice: the meeting at the first 03:00 ends at the second one, which
    # is not offered again, so no meeting lasts two hours and none overlap.
    assert [s.starts_at.strftime("%H:%M") for s in slots] == ["02:00", "03:00", "04:00"]
    assert [real_minutes(slot) for slot in slots] == [60, 60, 60]
    assert [slot.starts_at.astimezone(UTC).strftime("%H:%M") for slot in slots] == [
        "23:00",
        "00:00",
        "02:00",
    ]
    assert all(a.ends_at <= b.starts_at for a, b in itertools.pairwise(slots))


def test_a_meeting_booked_at_the_repeated_hour_lasts_one_real_hour(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = sunday_schedule("02:00", "05:00")
    first_three_oclock = datetime(2027, 10, 31, 0, 0, tzinfo=UTC)  # 03:00 EEST

    with time_machine.travel(BEFORE, tick=False):
        book(schedule, first_three_oclock.astimezone(SOFIA))

    meeting = Appointment.objects.get()
    assert (meeting.ends_at - meeting.starts_at).total_seconds() == 3600
