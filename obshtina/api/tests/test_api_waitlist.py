"""The waitlist through the JSON API: joining a full schedule, one's place and offer,
accepting (a normal booking request), a slot gone meanwhile, leaving; never another's."""

from datetime import date, datetime

import pytest
import time_machine

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reception.models import Appointment, WaitlistEntry
from obshtina.reception.services.decisions import appointment_cancel_by_citizen
from obshtina.reception.slots import SOFIA
from obshtina.reception.tests.factories import ScheduleFactory, at, book

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=SOFIA)  # a Tuesday
DAY = date(2026, 12, 10)  # a Thursday: the schedule's only day, 09:00 and 09:30


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def schedule():
    return ScheduleFactory(
        slug="kmet",
        valid_from=DAY,
        valid_until=DAY,
        windows=[(3, "09:00", "10:00", 30, None, None)],
    )


@pytest.fixture
def full(schedule):
    return [book(schedule, at(DAY, "09:00")), book(schedule, at(DAY, "09:30"))]


def join(client, headers, topic="Скица на имот"):
    return client.post(
        f"{API}reception/schedules/kmet/waitlist",
        {"topic": topic},
        content_type="application/json",
        headers=headers,
    )


def free_the_first_slot(full):
    appointment_cancel_by_citizen(appointment=full[0], citizen=full[0].author, reason="Ще пътувам.")


def test_a_citizen_joins_a_full_schedule_and_sees_their_place(client, full):
    first, second = bearer(UserFactory()), bearer(UserFactory())
    assert join(client, first).status_code == 201
    joined = join(client, second)
    assert joined.status_code == 201
    assert (joined.json()["place"], joined.json()["offer"]) == (2, None)
    [mine] = client.get(f"{API}my/waitlist", headers=second).json()["items"]
    assert (mine["schedule"], mine["topic"], mine["place"]) == ("kmet", "Скица на имот", 2)


@pytest.mark.parametrize(
    ("prepare", "status", "code"),
    [
        ("free_slot", 400, "has_free_slots"),
        ("unconfirmed", 403, "unconfirmed"),
        ("twice", 400, "already_waiting"),
    ],
)
def test_joining_is_refused_with_the_reason(client, schedule, prepare, status, code):
    user = UserFactory(verified=prepare != "unconfirmed")
    if prepare != "free_slot":
        book(schedule, at(DAY, "09:00"))
        book(schedule, at(DAY, "09:30"))
    if prepare == "twice":
        join(client, bearer(user))
    response = join(client, bearer(user))
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert WaitlistEntry.objects.filter(citizen=user).count() == (prepare == "twice")


def test_a_freed_slot_is_offered_and_accepting_books_it(client, full):
    user = UserFactory()
    headers = bearer(user)
    entry_id = join(client, headers).json()["id"]
    free_the_first_slot(full)
    [mine] = client.get(f"{API}my/waitlist", headers=headers).json()["items"]
    assert mine["offer"]["start"] == at(DAY, "09:00").isoformat()
    accepted = client.post(f"{API}my/waitlist/{entry_id}/accept", headers=headers)
    assert accepted.status_code == 201
    assert accepted.json()["status"] == Appointment.Status.REQUESTED
    assert accepted.json()["topic"] == "Скица на имот"
    assert not WaitlistEntry.objects.exists()


def test_accepting_without_an_offer_keeps_the_place(client, full):
    headers = bearer(UserFactory())
    entry_id = join(client, headers).json()["id"]
    response = client.post(f"{API}my/waitlist/{entry_id}/accept", headers=headers)
    assert (response.status_code, response.json()["code"]) == (400, "offer_expired")
    assert WaitlistEntry.objects.count() == 1


def test_a_slot_booked_meanwhile_is_a_409_and_the_place_is_kept(client, schedule, full):
    headers = bearer(UserFactory())
    entry_id = join(client, headers).json()["id"]
    free_the_first_slot(full)
    book(schedule, at(DAY, "09:00"))  # someone faster, from the schedule's page
    response = client.post(f"{API}my/waitlist/{entry_id}/accept", headers=headers)
    assert (response.status_code, response.json()["code"]) == (409, "slot_gone")
    assert WaitlistEntry.objects.get().offered_starts_at is None


def test_leaving_passes_the_offer_to_the_next(client, full):
    first, second = bearer(UserFactory()), bearer(UserFactory())
    entry_id = join(client, first).json()["id"]
    join(client, second)
    free_the_first_slot(full)
    assert client.delete(f"{API}my/waitlist/{entry_id}", headers=first).status_code == 204
    [theirs] = client.get(f"{API}my/waitlist", headers=second).json()["items"]
    assert (theirs["place"], theirs["offer"]["start"]) == (1, at(DAY, "09:00").isoformat())


def test_someone_elses_entry_is_not_found(client, full):
    entry_id = join(client, bearer(UserFactory())).json()["id"]
    other = bearer(UserFactory())
    assert client.post(f"{API}my/waitlist/{entry_id}/accept", headers=other).status_code == 404
    assert client.delete(f"{API}my/waitlist/{entry_id}", headers=other).status_code == 404
    assert client.get(f"{API}my/waitlist", headers=other).json()["items"] == []
    assert WaitlistEntry.objects.count() == 1
