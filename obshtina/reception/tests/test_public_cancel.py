"""The citizen calls off an upcoming meeting, saying why."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from ..services.decisions import appointment_cancel_by_staff
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def official():
    return UserFactory()


@pytest.fixture
def appointment(citizen, official):
    return book(ScheduleFactory(officials=[official]), at(next_weekday(0), "09:00"), author=citizen)


def cancel(client, appointment, reason):
    return client.post(reverse("reception:cancel", args=[appointment.number]), {"reason": reason})


def test_cancelling_with_a_reason_frees_the_slot_and_notifies(
    client, appointment, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cancel(client, appointment, "Ще пътувам.")

    appointment.refresh_from_db()
    assert response.status_code == 302 and response.url == appointment.get_absolute_url()
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.reason == "Ще пътувам."
    assert appointment.events.filter(action="cancelled_by_citizen").exists()
    message = next(message for message in mail.outbox if message.to == [citizen.email])
    ics = next(content for name, content, _ in message.attachments if name.endswith(".ics"))
    assert "METHOD:CANCEL" in ics
    page = client.get(response.url).content.decode()
    assert "Срещата е отказана и часът е освободен." in page
    assert "Ще пътувам." in page
    assert "Откажи срещата" not in page
    book(appointment.schedule, appointment.starts_at)  # the slot is free again


def test_a_reason_is_required(client, appointment):
    response = cancel(client, appointment, "   ")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Посочете причина за отказа." in page
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.REQUESTED


def test_a_meeting_cancelled_meanwhile_by_the_administration_says_so(client, appointment, official):
    appointment_cancel_by_staff(appointment=appointment, actor=official, reason="Болничен.")

    response = cancel(client, appointment, "Ще пътувам.")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Срещата междувременно е променена" in page
    appointment.refresh_from_db()
    assert appointment.reason == "Болничен."


def test_cancelling_needs_a_post(client, appointment):
    response = client.get(reverse("reception:cancel", args=[appointment.number]))

    assert response.status_code == 405
