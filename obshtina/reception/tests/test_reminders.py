"""The reminder the day before: once per meeting, never for a cancelled one."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from obshtina.accounts.tests.factories import UserFactory

from ..services.decisions import appointment_approve, appointment_cancel_by_staff
from ..services.reminders import appointment_reminders_send, appointment_requests_expire
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory()


def approved(official, day, hhmm, **kwargs):
    schedule = kwargs.pop("schedule", None) or ScheduleFactory(officials=[official])
    appointment = book(schedule, at(day, hhmm), **kwargs)
    appointment_approve(appointment=appointment, actor=official)
    return appointment


def test_an_approved_meeting_is_reminded_once_the_day_before(
    official, django_capture_on_commit_callbacks
):
    citizen = UserFactory()
    monday = next_weekday(0)
    appointment = approved(official, monday, "10:00", author=citizen)
    day_before = appointment.starts_at - timedelta(hours=20)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert appointment_reminders_send(now=day_before) == 1
        assert appointment_reminders_send(now=day_before + timedelta(hours=1)) == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert "Напомняне" in mail.outbox[0].body


def test_no_reminder_too_early_or_for_a_cancelled_meeting(official):
    monday = next_weekday(0)
    schedule = ScheduleFactory(officials=[official])
    kept = approved(official, monday, "10:00", schedule=schedule)
    cancelled = approved(official, monday, "11:00", schedule=schedule)
    appointment_cancel_by_staff(appointment=cancelled, actor=official, reason="Отпуск")

    assert appointment_reminders_send(now=kept.starts_at - timedelta(days=2)) == 0
    assert appointment_reminders_send(now=kept.starts_at - timedelta(hours=3)) == 1
    assert not cancelled.reminders.exists()


def test_the_command_sends_the_reminders(official, capsys):
    call_command("send_appointment_reminders")
    assert "queued 0 reminder(s), closed 0 undecided request(s)" in capsys.readouterr().out


def test_a_request_nobody_decided_on_is_closed_when_its_time_passes_and_the_citizen_told(
    official, django_capture_on_commit_callbacks
):
    citizen = UserFactory()
    appointment = book(
        ScheduleFactory(officials=[official]), at(next_weekday(0), "10:00"), author=citizen
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert appointment_requests_expire(now=appointment.starts_at - timedelta(minutes=1)) == 0
        assert appointment_requests_expire(now=appointment.starts_at + timedelta(minutes=1)) == 1

    appointment.refresh_from_db()
    assert appointment.status == "rejected"
    assert "не беше одобрена" in mail.outbox[0].body
