"""A schedule's page: its weekly hours and its free slots, one week at a time."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from obshtina.core.dates import public_holidays
from obshtina.core.tests.written_dates import written_day

from ..models import Absence
from ..selectors import monday_of
from ..slots import SOFIA
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def week_page(client, schedule, monday: date | str | None = None) -> str:
    params = {"week": str(monday)} if monday else {}
    response = client.get(reverse("reception:schedule", args=[schedule.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def slot_link(schedule, day: date, hhmm: str) -> str:
    return reverse("reception:request", args=[schedule.slug, f"{day.isoformat()}T{hhmm}"])


def test_the_week_offers_free_slots_as_links_under_day_headings(client):
    schedule = ScheduleFactory()
    monday = next_weekday(0)

    page = week_page(client, schedule, monday)

    assert f"{written_day(monday)}</h3>" in page
    assert slot_link(schedule, monday, "09:00") in page
    assert slot_link(schedule, monday, "16:30") in page


def test_booked_and_break_slots_are_not_offered(client):
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    book(schedule, at(monday, "10:00"))

    page = week_page(client, schedule, monday)

    assert slot_link(schedule, monday, "10:00") not in page
    assert slot_link(schedule, monday, "12:00") not in page  # lunch break
    assert slot_link(schedule, monday, "12:30") not in page
    assert slot_link(schedule, monday, "13:00") in page


def test_an_absence_offers_nothing_and_says_why(client):
    schedule = ScheduleFactory()
    tuesday = next_weekday(1)
    Absence.objects.create(
        schedule=schedule, first_day=tuesday, last_day=tuesday, reason="Командировка"
    )

    page = week_page(client, schedule, tuesday)

    assert slot_link(schedule, tuesday, "09:00") not in page
    assert "Отсъствие – няма приемно време." in page
    assert "Командировка" not in page  # the reason is the administration's


def test_a_public_holiday_offers_nothing_and_says_why(client, settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    schedule = ScheduleFactory()
    today = timezone.localdate()
    holiday = min(
        day
        for day in public_holidays(today.year) | public_holidays(today.year + 1)
        if day > today + timedelta(days=1) and day.weekday() < 5
    )

    page = week_page(client, schedule, holiday)

    assert slot_link(schedule, holiday, "09:00") not in page
    assert "Официален празник" in page


def test_weekends_and_days_without_hours_say_so(client):
    schedule = ScheduleFactory(windows=[(2, "14:00", "17:00", 20, None, None)])
    monday = next_weekday(0)

    page = week_page(client, schedule, monday)

    assert "Няма приемно време в този ден." in page  # Monday
    assert "Почивен ден." in page  # Saturday, Sunday
    assert slot_link(schedule, monday + timedelta(days=2), "14:00") in page


def test_past_slots_and_days_of_the_current_week_are_not_offered(client):
    # A Wednesday morning in an ordinary week: Monday, Tuesday and the early hours are past.
    with time_machine.travel(datetime(2027, 1, 13, 10, 20, tzinfo=SOFIA), tick=False):
        schedule = ScheduleFactory(
            windows=[(day, "00:00", "23:30", 30, None, None) for day in range(7)]
        )
        page = week_page(client, schedule)

    wednesday = date(2027, 1, 13)
    assert "Денят е отминал." in page
    assert slot_link(schedule, wednesday - timedelta(days=1), "09:00") not in page
    assert slot_link(schedule, wednesday, "09:00") not in page
    assert slot_link(schedule, wednesday, "11:00") not in page  # within the hour's notice
    assert slot_link(schedule, wednesday, "11:30") in page
    assert slot_link(schedule, wednesday + timedelta(days=1), "09:00") in page


def test_no_week_before_the_current_one_is_offered(client):
    schedule = ScheduleFactory()
    this_monday = monday_of(timezone.localdate())

    page = week_page(client, schedule, this_monday - timedelta(weeks=3))

    assert f"Седмица {this_monday:%d.%m}" in page
    assert "Предишна седмица" not in page
    assert "Следваща седмица" in page


def test_next_stops_at_the_booking_horizon(client, settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 20
    schedule = ScheduleFactory()
    last_monday = monday_of(timezone.localdate() + timedelta(days=20))

    page = week_page(client, schedule, last_monday + timedelta(weeks=5))

    assert f"Седмица {last_monday:%d.%m}" in page
    assert "Следваща седмица" not in page
    assert "Предишна седмица" in page


def test_an_unreadable_week_shows_the_current_week(client):
    schedule = ScheduleFactory()

    page = week_page(client, schedule, "не-е-дата")

    assert f"Седмица {monday_of(timezone.localdate()):%d.%m}" in page


def test_a_week_without_free_slots_points_to_the_first_free_one(client):
    schedule = ScheduleFactory(windows=[(3, "10:00", "11:00", 60, None, None)])
    thursday = next_weekday(3, weeks_ahead=2)
    monday = monday_of(thursday)
    Absence.objects.create(schedule=schedule, first_day=monday, last_day=monday + timedelta(6))

    page = week_page(client, schedule, monday)

    assert "Тази седмица няма свободни часове. Първият свободен час е четвъртък" in page
    assert "Към тази седмица" in page


def test_the_schedule_page_shows_the_weekly_hours_and_meeting_length(client):
    schedule = ScheduleFactory(windows=[(0, "09:00", "16:00", 30, "12:00", "13:00")])

    page = week_page(client, schedule)

    assert "Понеделник</strong>: 09:00–12:00, 13:00–16:00" in page
    assert "срещи по 30 мин." in page


def test_an_unknown_or_inactive_schedule_is_not_found(client):
    inactive = ScheduleFactory(is_active=False)

    assert client.get(reverse("reception:schedule", args=["nyama-takav"])).status_code == 404
    assert client.get(reverse("reception:schedule", args=[inactive.slug])).status_code == 404
