""" "Моите срещи": the citizen's upcoming and past meetings, and nobody else's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.tests.written_dates import written_day

from ..models import Appointment
from ..services.decisions import appointment_approve, appointment_reject
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_list_shows_only_the_citizens_own_meetings(client, citizen):
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    mine = book(schedule, at(monday, "09:00"), author=citizen, topic="Моята тема")
    other = book(schedule, at(monday, "09:30"), topic="Чужда тема")

    page = client.get(reverse("reception:mine")).content.decode()

    assert mine.number in page and "Моята тема" in page
    assert other.number not in page and "Чужда тема" not in page


def test_upcoming_meetings_show_status_time_location_and_the_video_link_once_approved(
    client, citizen
):
    official = UserFactory()
    schedule = ScheduleFactory(officials=[official], title="Главен архитект")
    monday = next_weekday(0)
    approved = book(schedule, at(monday, "09:00"), author=citizen, wants_video=True)
    appointment_approve(
        appointment=approved, actor=official, video_url="https://meet.example.bg/room-1"
    )
    book(schedule, at(monday, "11:00"), author=citizen)

    page = client.get(reverse("reception:mine")).content.decode()

    assert "одобрена" in page and "заявена" in page
    assert f"{written_day(monday)}, 09:00–09:30" in page  # Sofia time
    assert "ул. „Македония“ 21" in page
    assert "https://meet.example.bg/room-1" in page and "Към видеосрещата" in page


def test_a_rejected_meeting_is_listed_with_its_reason(client, citizen):
    official = UserFactory()
    schedule = ScheduleFactory(officials=[official])
    appointment = book(schedule, at(next_weekday(1), "10:00"), author=citizen)
    appointment_reject(
        appointment=appointment, actor=official, reason="Въпросът е към отдел „Местни данъци“."
    )

    page = client.get(reverse("reception:mine")).content.decode()

    assert "отказана" in page
    assert "Въпросът е към отдел „Местни данъци“." in page


def test_a_meeting_that_has_ended_is_among_the_past_ones(client, citizen):
    schedule = ScheduleFactory()
    appointment = book(schedule, at(next_weekday(2), "10:00"), author=citizen)
    ended = timezone.now() - timedelta(days=3)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=ended, ends_at=ended + timedelta(minutes=30), status=Appointment.Status.HELD
    )

    page = client.get(reverse("reception:mine")).content.decode()

    upcoming, past = page.split("Минали и отменени срещи")
    assert appointment.number not in upcoming
    assert appointment.number in past and "проведена" in past


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("reception:mine"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
