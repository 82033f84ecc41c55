"""The official's desk: requests to decide first, then approved meetings, then the
past ones to mark held or missed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory

from ..models import Appointment
from ..services.decisions import appointment_approve
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client):
    user = UserFactory(second_factor=True)
    client.force_login(user)
    return user


@pytest.fixture
def schedule(official):
    return ScheduleFactory(officials=[official])


def section(page: str, title_id: str) -> str:
    start = page.index(f'id="{title_id}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


def test_requests_waiting_for_approval_show_what_the_official_needs(client, official, schedule):
    citizen = UserFactory(first_name="Мария", last_name="Тодорова")
    book(
        schedule,
        at(next_weekday(0), "09:30"),
        author=citizen,
        topic="Виза за проектиране",
        document_number="С-2026-000042",
        wants_video=True,
    )

    page = client.get(reverse("reception:desk")).content.decode()

    waiting = section(page, "requested-title")
    assert "Чакащи одобрение (1)" in waiting
    for text in ("Виза за проектиране", "Мария Тодорова", "С-2026-000042", "желае", "09:30"):
        assert text in waiting


def test_approved_and_unmarked_meetings_have_their_own_lists(client, official, schedule):
    approved = appointment_approve(
        appointment=book(schedule, at(next_weekday(0), "10:00")), actor=official
    )
    past = appointment_approve(
        appointment=book(schedule, at(next_weekday(0), "11:00")), actor=official
    )
    start = timezone.now() - timedelta(days=1)
    Appointment.objects.filter(pk=past.pk).update(
        starts_at=start, ends_at=start + timedelta(minutes=30)
    )

    page = client.get(reverse("reception:desk")).content.decode()

    assert approved.number in section(page, "approved-title")
    assert past.number in section(page, "unmarked-title")
    assert past.number not in section(page, "approved-title")


def test_the_desk_filters_by_schedule_and_day(client, official, schedule):
    other = ScheduleFactory(officials=[official])
    monday, tuesday = next_weekday(0), next_weekday(1)
    on_monday = book(schedule, at(monday, "09:00"))
    on_tuesday = book(schedule, at(tuesday, "09:00"))
    elsewhere = book(other, at(monday, "09:00"))

    page = client.get(
        reverse("reception:desk"), {"schedule": schedule.pk, "day": monday.isoformat()}
    ).content.decode()

    assert on_monday.number in page
    assert on_tuesday.number not in page and elsewhere.number not in page


def test_a_bad_filter_is_shown_and_ignored(client, official, schedule):
    meeting = book(schedule, at(next_weekday(0), "09:00"))

    response = client.get(reverse("reception:desk"), {"day": "32.13.2026"})

    assert response.status_code == 200
    assert meeting.number in response.content.decode()


def test_an_operator_sees_the_booking_link_and_no_meetings(client, schedule):
    book(schedule, at(next_weekday(0), "09:00"))
    client.force_login(StaffUserFactory(role="operator"))

    page = client.get(reverse("reception:desk")).content.decode()

    assert reverse("reception:book") in page
    assert "Не отговаряте за графици" in page
