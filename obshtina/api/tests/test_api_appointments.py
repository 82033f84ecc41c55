"""A signed-in citizen's meetings: request (201, or 409 with free slots), list, cancel."""

from datetime import UTC

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reception.models import Appointment
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    return ScheduleFactory()


@pytest.fixture
def tuesday():
    return next_weekday(1)


def request_meeting(client, headers, schedule, start, **fields):
    payload = {"schedule": schedule.slug, "start": start, "topic": "Разрешение за строеж", **fields}
    return client.post(
        f"{API}appointments", payload, content_type="application/json", headers=headers
    )


def cancel(client, headers, appointment, reason):
    return client.post(
        f"{API}appointments/{appointment.number}/cancel",
        {"reason": reason},
        content_type="application/json",
        headers=headers,
    )


def test_a_citizen_requests_a_free_slot_in_sofia_time(client, schedule, tuesday):
    user = UserFactory()
    response = request_meeting(client, bearer(user), schedule, f"{tuesday.isoformat()}T10:00")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "requested"
    appointment = Appointment.objects.get(number=body["number"])
    assert appointment.author == user
    assert appointment.channel == Appointment.Channel.API
    assert appointment.starts_at == at(tuesday, "10:00")


def test_a_start_with_an_offset_is_the_same_instant(client, schedule, tuesday):
    sofia = at(tuesday, "10:00")
    utc = sofia.astimezone(UTC).isoformat()
    response = request_meeting(client, bearer(UserFactory()), schedule, utc)
    assert response.status_code == 201
    assert Appointment.objects.get().starts_at == sofia


def test_a_taken_slot_is_409_with_the_current_free_slots(client, schedule, tuesday):
    book(schedule, at(tuesday, "10:00"))
    response = request_meeting(
        client, bearer(UserFactory()), schedule, f"{tuesday.isoformat()}T10:00"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "slot_taken"
    assert body["message"] == "Този час току-що беше зает. Изберете друг свободен час."
    assert body["fields"] == {"start": [body["message"]]}
    keys = [slot["key"] for slot in body["free_slots"]]
    assert f"{tuesday.isoformat()}T10:30" in keys
    assert f"{tuesday.isoformat()}T10:00" not in keys


def test_a_time_outside_the_hours_is_refused_with_the_reason_on_start(client, schedule, tuesday):
    response = request_meeting(
        client, bearer(UserFactory()), schedule, f"{tuesday.isoformat()}T12:30"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "outside",
        "message": "Този час не е в приемното време на графика.",
        "fields": {"start": ["Този час не е в приемното време на графика."]},
    }


def test_an_unconfirmed_email_cannot_book(client, schedule, tuesday):
    response = request_meeting(
        client, bearer(UserFactory(verified=False)), schedule, f"{tuesday.isoformat()}T10:00"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "unconfirmed"


def test_an_empty_topic_and_a_bad_start_are_named(client, schedule):
    response = request_meeting(client, bearer(UserFactory()), schedule, "утре в 10", topic="")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"start"}
    response = request_meeting(
        client, bearer(UserFactory()), schedule, f"{next_weekday(1).isoformat()}T10:00", topic=" "
    )
    assert response.json()["fields"] == {"topic": ["Напишете темата на срещата."]}


def test_booking_needs_a_signed_in_citizen(client, schedule, tuesday):
    response = request_meeting(client, {}, schedule, f"{tuesday.isoformat()}T10:00")
    assert response.status_code == 401


def test_my_appointments_lists_only_mine(client, schedule, tuesday):
    user = UserFactory()
    mine = book(schedule, at(tuesday, "10:00"), author=user)
    book(schedule, at(tuesday, "11:00"))
    body = client.get(f"{API}my/appointments", headers=bearer(user)).json()["items"]
    assert [item["number"] for item in body] == [mine.number]
    assert body[0]["start"] == at(tuesday, "10:00").isoformat()


def test_a_citizen_cancels_their_meeting_with_a_reason(client, schedule, tuesday):
    user = UserFactory()
    appointment = book(schedule, at(tuesday, "10:00"), author=user)
    response = cancel(client, bearer(user), appointment, "Болен съм.")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    again = cancel(client, bearer(user), appointment, "Пак.")
    assert again.status_code == 409
    assert again.json()["code"] == "changed"


def test_another_citizens_meeting_is_404_to_see_and_to_cancel(client, schedule, tuesday):
    appointment = book(schedule, at(tuesday, "10:00"))
    headers = bearer(UserFactory())
    assert client.get(f"{API}appointments/{appointment.number}", headers=headers).status_code == 404
    response = cancel(client, headers, appointment, "Искам.")
    assert response.status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == "requested"


def test_a_cancellation_without_a_reason_is_refused(client, schedule, tuesday):
    user = UserFactory()
    appointment = book(schedule, at(tuesday, "10:00"), author=user)
    response = cancel(client, bearer(user), appointment, " ")
    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": ["Посочете причина."]}


def test_a_citizen_sees_their_meeting_with_its_place_and_status(client, schedule, tuesday):
    user = UserFactory()
    appointment = book(schedule, at(tuesday, "10:00"), author=user, document_number="94-00-1")
    body = client.get(f"{API}appointments/{appointment.number}", headers=bearer(user)).json()
    assert body["status_label"] == "заявена"
    assert body["location"] == schedule.location
    assert body["document_number"] == "94-00-1"
