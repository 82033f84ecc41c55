"""Which slots a citizen is offered: windows, breaks, holidays, absences, booked ones."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ..models import Absence
from ..slots import free_slots
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def offered(schedule, day):
    return [
        slot.starts_at for slot in free_slots([schedule], first_day=day, last_day=day)[schedule.pk]
    ]


def test_a_day_is_cut_into_meetings_and_the_lunch_break_is_never_offered():
    schedule = ScheduleFactory()
    monday = next_weekday(0)

    starts = offered(schedule, monday)

    assert starts[0] == at(monday, "09:00")
    assert starts[-1] == at(monday, "16:30")
    assert at(monday, "12:00") not in starts and at(monday, "12:30") not in starts
    assert at(monday, "13:00") in starts
    assert len(starts) == 14


def test_weekends_are_off_for_a_weekday_schedule():
    schedule = ScheduleFactory()
    assert offered(schedule, next_weekday(5)) == []


def test_a_booked_slot_is_no_longer_offered_even_while_it_waits_for_approval():
    schedule = ScheduleFactory()
    tuesday = next_weekday(1)
    book(schedule, at(tuesday, "10:00"))

    starts = offered(schedule, tuesday)

    assert at(tuesday, "10:00") not in starts
    assert at(tuesday, "09:30") in starts and at(tuesday, "10:30") in starts


def test_public_holidays_are_off_without_being_entered():
    schedule = ScheduleFactory(valid_from=date(2020, 1, 1))
    # 3 March, Liberation Day, falls on a weekday in 2027 (Wednesday).
    liberation_day = date(2027, 3, 3)
    now = timezone.make_aware(timezone.datetime(2027, 2, 1, 9, 0))

    slots = free_slots([schedule], first_day=liberation_day, last_day=liberation_day, now=now)

    assert slots[schedule.pk] == []


def test_absences_close_every_day_they_cover():
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    Absence.objects.create(schedule=schedule, first_day=monday, last_day=monday + timedelta(days=1))

    assert offered(schedule, monday) == []
    assert offered(schedule, monday + timedelta(days=1)) == []
    assert offered(schedule, monday + timedelta(days=2)) != []


def test_past_slots_and_slots_within_the_notice_are_not_offered(settings):
    settings.RECEPTION_MIN_NOTICE_MINUTES = 60
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    now = at(monday, "10:10")

    slots = free_slots([schedule], first_day=monday, last_day=monday, now=now)[schedule.pk]

    assert slots[0].starts_at == at(monday, "11:30")


def test_slots_beyond_the_booking_horizon_are_not_offered(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 7
    schedule = ScheduleFactory()
    far = next_weekday(2, weeks_ahead=3)
    assert offered(schedule, far) == []


def test_a_schedule_outside_its_validity_offers_nothing():
    monday = next_weekday(0)
    schedule = ScheduleFactory(valid_until=monday - timedelta(days=1))
    assert offered(schedule, monday) == []
