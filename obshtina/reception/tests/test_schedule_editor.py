"""The reception administrator creates and edits schedules: details, weekly windows
with breaks, days off."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import StaffUserFactory

from ..models import Absence, Schedule
from ..slots import free_slots
from .factories import ScheduleFactory, ScheduleGroupFactory, at, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = StaffUserFactory(role="reception_admin")
    client.force_login(user)
    return user


def windows_data(rows, *, initial=0):
    data = {
        "windows-TOTAL_FORMS": str(len(rows)),
        "windows-INITIAL_FORMS": str(initial),
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"windows-{index}-{name}"] = value
    return data


def window(weekday, start, end, minutes, break_start="", break_end="", **extra):
    return {
        "weekday": str(weekday),
        "start": start,
        "end": end,
        "slot_minutes": str(minutes),
        "break_start": break_start,
        "break_end": break_end,
        **extra,
    }


EMPTY_ROW = window("", "", "", "")


def details(group, **overrides):
    return {
        "group": str(group.pk),
        "title": "Главен архитект",
        "host_name": "арх. Ангел Петров",
        "unit": "",
        "location": "ул. „Македония“ 21, стая 301",
        "description": "",
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": "",
        "offers_video": "on",
        "is_active": "on",
        "order": "10",
        "change_cutoff_hours": "24",
        "reminder_hours": "24",
        "slug": "",
        **overrides,
    }


def test_the_administrator_creates_a_schedule_with_a_lunch_break_in_a_group(client, admin):
    group = ScheduleGroupFactory(name="Устройство на територията")
    official = StaffUserFactory(role="operator")

    response = client.post(
        reverse("reception:schedule_new"),
        {
            **details(group, officials=[str(official.pk)], slug="glaven-arhitekt"),
            **windows_data(
                [window(0, "09:00", "16:00", 30, "12:00", "13:00"), EMPTY_ROW, EMPTY_ROW]
            ),
        },
    )

    schedule = Schedule.objects.get()
    assert response["Location"] == reverse("reception:schedule_edit", args=["glaven-arhitekt"])
    assert schedule.group == group and schedule.host_name == "арх. Ангел Петров"
    assert list(schedule.officials.all()) == [official]
    [lunch] = schedule.windows.all()
    assert (lunch.break_start, lunch.break_end) == (time(12), time(13))
    monday = next_weekday(0)
    offered = [
        slot.starts_at
        for slot in free_slots([schedule], first_day=monday, last_day=monday)[schedule.pk]
    ]
    assert at(monday, "11:30") in offered and at(monday, "13:00") in offered
    assert at(monday, "12:00") not in offered and at(monday, "12:30") not in offered


def test_a_slug_is_made_from_the_title_when_none_is_given(client, admin):
    group = ScheduleGroupFactory()

    client.post(reverse("reception:schedule_new"), {**details(group), **windows_data([])})

    assert Schedule.objects.get().slug == "главен-архитект"


def test_a_break_outside_the_window_is_refused_on_its_row_and_nothing_is_lost(client, admin):
    group = ScheduleGroupFactory()

    response = client.post(
        reverse("reception:schedule_new"),
        {
            **details(group, title="Кмет"),
            **windows_data([window(2, "14:00", "17:00", 20, "12:00", "13:00")]),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "в рамките на приемното време" in page
    assert 'value="Кмет"' in page and 'value="14:00"' in page
    assert not Schedule.objects.exists()


def test_overlapping_windows_on_one_day_are_refused(client, admin):
    response = client.post(
        reverse("reception:schedule_new"),
        {
            **details(ScheduleGroupFactory()),
            **windows_data([window(1, "09:00", "12:00", 30), window(1, "11:00", "13:00", 30)]),
        },
    )

    assert response.status_code == 400
    assert "не може да се застъпват" in response.content.decode()


def test_a_validity_that_ends_before_it_starts_is_refused(client, admin):
    today = timezone.localdate()
    response = client.post(
        reverse("reception:schedule_new"),
        {
            **details(
                ScheduleGroupFactory(),
                valid_until=(today - timedelta(days=1)).isoformat(),
            ),
            **windows_data([]),
        },
    )

    assert response.status_code == 400
    assert "преди началото" in response.content.decode()


def test_the_edit_page_shows_the_windows_and_saves_a_new_one(client, admin):
    schedule = ScheduleFactory(windows=[(0, "09:00", "12:00", 30, None, None)])
    page = client.get(reverse("reception:schedule_edit", args=[schedule.slug])).content.decode()
    assert 'value="09:00"' in page

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {
            "action": "windows",
            **windows_data(
                [window(0, "09:00", "12:00", 30), window(3, "13:00", "15:00", 20)], initial=1
            ),
        },
    )

    assert response.status_code == 302
    assert sorted(schedule.windows.values_list("weekday", flat=True)) == [0, 3]


def test_a_window_is_removed_by_ticking_delete(client, admin):
    schedule = ScheduleFactory(
        windows=[(0, "09:00", "12:00", 30, None, None), (1, "09:00", "12:00", 30, None, None)]
    )

    client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {
            "action": "windows",
            **windows_data(
                [window(0, "09:00", "12:00", 30), window(1, "09:00", "12:00", 30, DELETE="on")],
                initial=2,
            ),
        },
    )

    assert list(schedule.windows.values_list("weekday", flat=True)) == [0]


def test_details_are_changed(client, admin):
    schedule = ScheduleFactory()

    client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {"action": "details", **details(schedule.group, title="Секретар на общината")},
    )

    schedule.refresh_from_db()
    assert schedule.title == "Секретар на общината"


def test_the_cutoff_and_the_reminders_are_edited_with_the_details(client, admin):
    schedule = ScheduleFactory()
    url = reverse("reception:schedule_edit", args=[schedule.slug])
    assert 'value="24"' in client.get(url).content.decode()

    client.post(
        url,
        {
            "action": "details",
            **details(schedule.group, change_cutoff_hours="48", reminder_hours="2, 24, 2"),
        },
    )

    schedule.refresh_from_db()
    assert schedule.change_cutoff_hours == 48
    assert schedule.reminder_hours == [24, 2]


@pytest.mark.parametrize(
    "typed, message",
    [
        ("24, две", "Въведете цели числа"),
        ("0", "Всяко напомняне е от 1 до 168 часа преди срещата."),
        ("1, 2, 3, 4, 5, 6", "Най-много 5 напомняния."),
    ],
)
def test_reminder_hours_that_make_no_sense_are_refused(client, admin, typed, message):
    schedule = ScheduleFactory()

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {"action": "details", **details(schedule.group, reminder_hours=typed)},
    )

    assert message in response.content.decode()
    schedule.refresh_from_db()
    assert schedule.reminder_hours == [24]


def test_an_absence_is_added_and_removed(client, admin):
    schedule = ScheduleFactory()
    first = next_weekday(0, weeks_ahead=3)
    url = reverse("reception:schedule_edit", args=[schedule.slug])

    client.post(
        url,
        {
            "action": "absence_add",
            "first_day": first.isoformat(),
            "last_day": (first + timedelta(days=4)).isoformat(),
            "reason": "Отпуск",
        },
    )
    absence = Absence.objects.get(schedule=schedule)
    assert (absence.first_day, absence.reason) == (first, "Отпуск")
    assert not free_slots([schedule], first_day=first, last_day=first)[schedule.pk]

    client.post(url, {"action": "absence_remove", "absence": str(absence.pk)})

    assert not Absence.objects.exists()


def test_an_absence_ending_before_it_starts_gets_a_message(client, admin):
    schedule = ScheduleFactory()

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {"action": "absence_add", "first_day": "2030-05-10", "last_day": "2030-05-01"},
    )

    assert response.status_code == 400
    assert "Крайната дата е преди началната" in response.content.decode()
    assert date(2030, 5, 10).isoformat() in response.content.decode()


def test_the_list_shows_schedules_under_their_groups(client, admin):
    active = ScheduleFactory(title="Кмет на общината")
    ScheduleFactory(group=active.group, title="Стар график", is_active=False)

    page = client.get(reverse("reception:schedules")).content.decode()

    assert active.group.name in page
    assert "Кмет на общината" in page and "Стар график" in page and "неактивен" in page


def test_an_address_the_staff_pages_use_is_refused(client, admin):
    response = client.post(
        reverse("reception:schedule_new"),
        {**details(ScheduleGroupFactory(), slug="new"), **windows_data([])},
    )

    assert response.status_code == 400
    assert "Този адрес вече е зает" in response.content.decode()
