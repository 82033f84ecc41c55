"""Reception hours: schedules by group and their free slots, without signing in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_groups_list_their_current_schedules(client):
    schedule = ScheduleFactory(title="Кмет на общината")
    ScheduleFactory(group=schedule.group, is_active=False)
    (group,) = client.get(f"{API}reception/groups").json()["items"]
    assert group["slug"] == schedule.group.slug
    assert [item["slug"] for item in group["schedules"]] == [schedule.slug]
    assert group["schedules"][0]["title"] == "Кмет на общината"


def test_free_slots_of_a_day_leave_out_the_break_and_held_slots(client):
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    book(schedule, at(monday, "09:00"))
    response = client.get(
        f"{API}reception/schedules/{schedule.slug}/slots",
        {"from": monday.isoformat(), "to": monday.isoformat()},
    )
    assert response.status_code == 200
    keys = [slot["key"] for slot in response.json()["slots"]]
    assert keys[0] == f"{monday.isoformat()}T09:30"
    assert f"{monday.isoformat()}T12:00" not in keys
    assert len(keys) == 13  # 09:00–12:00 and 13:00–17:00 in half hours, one taken
    assert response.json()["slots"][0]["start"].endswith(("+02:00", "+03:00"))


def test_without_dates_two_weeks_from_today_are_offered(client):
    schedule = ScheduleFactory()
    body = client.get(f"{API}reception/schedules/{schedule.slug}/slots").json()
    today = timezone.localdate()
    assert (body["from"], body["to"]) == (
        today.isoformat(),
        (today + timedelta(days=13)).isoformat(),
    )


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "2026-03-10", "to": "2026-03-01"}, "to", "Крайната дата е преди началната."),
        ({"from": "2026-01-01", "to": "2026-06-01"}, "to", "най-много 8 седмици"),
        ({"from": "1-1-2026"}, "from", "Въведете дата във вида ГГГГ-ММ-ДД"),
        ({"from": "9999-12-31", "to": "9999-12-31"}, "from", "Изберете дата между"),
    ],
)
def test_bad_ranges_are_explained(client, params, field, message):
    schedule = ScheduleFactory()
    response = client.get(f"{API}reception/schedules/{schedule.slug}/slots", params)
    assert response.status_code == 400
    assert message in response.json()["fields"][field][0]


def test_an_unknown_or_inactive_schedule_is_404(client):
    inactive = ScheduleFactory(is_active=False)
    for slug in (inactive.slug, "nyama-takav"):
        assert client.get(f"{API}reception/schedules/{slug}/slots").status_code == 404
