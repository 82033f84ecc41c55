"""A signed-in citizen moves their meeting through the API: to another free slot of the
same schedule, until the schedule's cut-off; a taken slot is a 409 with free slots."""

from datetime import timedelta

import pytest
import time_machine

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    return ScheduleFactory()


@pytest.fixture
def tuesday():
    return next_weekday(1)


def move(client, headers, appointment, start):
    return client.post(
        f"{API}appointments/{appointment.number}/move",
        {"start": start},
        content_type="application/json",
        headers=headers,
    )


def test_a_citizen_moves_a_meeting_to_another_free_slot(client, schedule, tuesday):
    citizen = UserFactory()
    meeting = book(schedule, at(tuesday, "10:00"), author=citizen)
    response = move(client, bearer(citizen), meeting, f"{tuesday.isoformat()}T11:00")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["number"] == meeting.number
    assert body["start"].startswith(f"{tuesday.isoformat()}T11:00")
    meeting.refresh_from_db()
    assert meeting.starts_at == at(tuesday, "11:00")
    assert body["change_until"].startswith((tuesday - timedelta(days=1)).isoformat())


def test_a_taken_slot_is_a_409_naming_start_with_free_slots(client, schedule, tuesday):
    citizen = UserFactory()
    meeting = book(schedule, at(tuesday, "10:00"), author=citizen)
    book(schedule, at(tuesday, "11:00"), author=UserFactory())
    response = move(client, bearer(citizen), meeting, f"{tuesday.isoformat()}T11:00")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "slot_taken" and "start" in body["fields"]
    assert body["free_slots"]


def test_past_the_cut_off_the_move_is_refused(client, schedule, tuesday):
    citizen = UserFactory()
    meeting = book(schedule, at(tuesday, "10:00"), author=citizen)
    with time_machine.travel(at(tuesday, "10:00") - timedelta(hours=2), tick=False):
        response = move(client, bearer(citizen), meeting, f"{tuesday.isoformat()}T11:00")
    assert response.status_code == 400
    assert response.json()["code"] == "too_late"
    meeting.refresh_from_db()
    assert meeting.starts_at == at(tuesday, "10:00")


def test_another_citizens_meeting_is_not_found(client, schedule, tuesday):
    meeting = book(schedule, at(tuesday, "10:00"), author=UserFactory())
    response = move(client, bearer(UserFactory()), meeting, f"{tuesday.isoformat()}T11:00")
    assert response.status_code == 404
