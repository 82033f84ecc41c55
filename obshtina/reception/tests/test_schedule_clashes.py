"""A schedule change that would strand booked meetings is never saved silently:
the administrator sees the meetings and decides to keep or cancel them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory

from ..models import Appointment
from .factories import ScheduleFactory, at, book, next_weekday
from .test_schedule_editor import details, window, windows_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = StaffUserFactory(role="reception_admin")
    client.force_login(user)
    return user


@pytest.fixture
def schedule():
    return ScheduleFactory(windows=[(0, "09:00", "12:00", 30, None, None)])


@pytest.fixture
def citizen():
    return UserFactory(first_name="Мария", last_name="Тодорова")


@pytest.fixture
def meeting(schedule, citizen):
    return book(schedule, at(next_weekday(0), "11:00"), author=citizen, topic="Виза за проектиране")


def shorter_windows(**extra):
    """Monday ends at 10:00 now: the 11:00 meeting falls out."""
    return {
        "action": "windows",
        "clash-shown": "1" if extra else "",
        **windows_data([window(0, "09:00", "10:00", 30)], initial=1),
        **extra,
    }


def test_a_change_that_strands_a_meeting_lists_it_and_saves_nothing(
    client, admin, schedule, meeting
):
    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]), shorter_windows()
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Промяната засяга записани срещи" in page
    assert "Мария Тодорова" in page and "Виза за проектиране" in page
    assert "Запази срещите" in page and "Анулирай ги с причина" in page
    assert 'value="10:00"' in page  # what was typed stays
    assert schedule.windows.get().end.hour == 12
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.REQUESTED


def test_keeping_the_meetings_saves_the_change_and_leaves_them(client, admin, schedule, meeting):
    client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        shorter_windows(**{"clash-decision": "keep", "clash-seen": str(meeting.pk)}),
    )

    assert schedule.windows.get().end.hour == 10
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.REQUESTED


def test_cancelling_needs_a_reason(client, admin, schedule, meeting):
    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        shorter_windows(**{"clash-decision": "cancel", "clash-seen": str(meeting.pk)}),
    )

    assert response.status_code == 409
    assert "Посочете причина за анулирането" in response.content.decode()
    assert schedule.windows.get().end.hour == 12


def test_cancelling_with_a_reason_cancels_and_notifies(
    client, admin, schedule, meeting, citizen, django_capture_on_commit_callbacks
):
    url = reverse("reception:schedule_edit", args=[schedule.slug])
    shown = client.post(url, shorter_windows()).content.decode()
    seen = re.search(r'name="clash-seen" value="([\d,]*)"', shown).group(1)
    assert 'name="clash-shown"' in shown
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            shorter_windows(
                **{
                    "clash-decision": "cancel",
                    "clash-cancel_reason": "Приемното време е съкратено",
                    "clash-seen": seen,
                }
            ),
        )

    assert response.status_code == 302
    assert schedule.windows.get().end.hour == 10
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.CANCELLED
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert "Приемното време е съкратено" in message.body
    follow = client.get(response["Location"]).content.decode()
    assert "1 среща е анулирана" in follow


def test_a_meeting_booked_after_the_list_was_shown_is_never_cancelled_unseen(
    client, admin, schedule, meeting
):
    later = book(schedule, at(meeting.starts_at.date(), "11:30"))

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        shorter_windows(
            **{
                "clash-decision": "cancel",
                "clash-cancel_reason": "Съкращаване",
                "clash-seen": str(meeting.pk),
            }
        ),
    )

    assert response.status_code == 409
    assert later.number in response.content.decode()
    later.refresh_from_db()
    meeting.refresh_from_db()
    assert later.status == meeting.status == Appointment.Status.REQUESTED


def test_an_absence_over_a_booked_day_asks_for_a_decision(client, admin, schedule, meeting):
    day = meeting.starts_at.date()

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]),
        {"action": "absence_add", "first_day": day.isoformat(), "last_day": day.isoformat()},
    )

    assert response.status_code == 409
    assert meeting.number in response.content.decode()
    assert not schedule.absences.exists()


def test_deactivating_a_schedule_with_meetings_asks_for_a_decision(
    client, admin, schedule, meeting
):
    data = details(schedule.group, title=schedule.title)
    del data["is_active"]

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]), {"action": "details", **data}
    )

    assert response.status_code == 409
    schedule.refresh_from_db()
    assert schedule.is_active


def test_ending_the_validity_before_a_meeting_asks_for_a_decision(client, admin, schedule, meeting):
    data = details(
        schedule.group,
        title=schedule.title,
        valid_from=schedule.valid_from.isoformat(),
        valid_until=(meeting.starts_at.date() - timedelta(days=1)).isoformat(),
    )

    response = client.post(
        reverse("reception:schedule_edit", args=[schedule.slug]), {"action": "details", **data}
    )

    assert response.status_code == 409
    assert "Виза за проектиране" in response.content.decode()
    schedule.refresh_from_db()
    assert schedule.valid_until is None
