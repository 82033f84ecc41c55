"""One meeting's page for its citizen: details, history, video link, calendar file."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from ..models import AppointmentEvent
from ..services.decisions import appointment_approve
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory(first_name="Служител", last_name="Тайнов")


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def approved(citizen, official):
    schedule = ScheduleFactory(officials=[official], title="Главен архитект")
    appointment = book(
        schedule,
        at(next_weekday(0), "09:00"),
        author=citizen,
        topic="Виза за проектиране",
        document_number="УТ-2026-17",
        wants_video=True,
    )
    return appointment_approve(
        appointment=appointment, actor=official, video_url="https://meet.example.bg/room-1"
    )


def page_of(client, appointment) -> str:
    response = client.get(reverse("reception:appointment", args=[appointment.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_details_and_the_video_link(client, approved):
    page = page_of(client, approved)

    assert approved.number in page and "одобрена" in page
    assert "Главен архитект" in page and "Виза за проектиране" in page and "УТ-2026-17" in page
    assert 'href="https://meet.example.bg/room-1"' in page and "Към видеосрещата" in page
    assert "без инсталиране" in page


def test_the_history_shows_public_steps_without_officials_names(client, approved):
    AppointmentEvent.objects.create(appointment=approved, action="internal_note", message="таен")

    page = page_of(client, approved)

    assert "Заявена" in page and "Одобрена" in page
    assert "Тайнов" not in page
    assert "таен" not in page


def test_the_calendar_file_is_the_meetings_invitation(client, approved):
    response = client.get(reverse("reception:calendar_file", args=[approved.number]))

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert f"UID:{approved.uid}@" in body and "STATUS:CONFIRMED" in body
    assert "meet.example.bg/room-1" in body


def test_the_page_offers_the_calendar_file_and_cancelling(client, approved):
    page = page_of(client, approved)

    assert reverse("reception:calendar_file", args=[approved.number]) in page
    assert "Добави в календара" in page
    assert reverse("reception:cancel", args=[approved.number]) in page
