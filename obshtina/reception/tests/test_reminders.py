"""Reminders at the hours each schedule chooses: each once per meeting, offset and
start (again after a move), never for a cancelled, rejected or undecided meeting."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from obshtina.accounts.tests.factories import UserFactory

from ..services.decisions import (
    appointment_approve,
    appointment_cancel_by_staff,
    appointment_reject,
    appointment_reschedule_by_citizen,
)
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


def reminders_to(email):
    return [
        message for message in mail.outbox if message.to == [email] and "Напомняне" in message.body
    ]


def run_at(moments):
    return [appointment_reminders_send(now=moment) for moment in moments]


def test_reminders_at_24_and_2_hours_are_each_sent_once(
    official, django_capture_on_commit_callbacks
):
    citizen = UserFactory()
    schedule = ScheduleFactory(officials=[official], reminder_hours=[24, 2])
    appointment = approved(official, next_weekday(2), "10:00", author=citizen, schedule=schedule)
    start = appointment.starts_at
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = run_at(
            [start - timedelta(hours=hours) for hours in (25, 24, 23, 3, 2, 1.5, 0.5)]
            + [start + timedelta(minutes=5)]
        )

    assert sent == [0, 1, 0, 0, 1, 0, 0, 0]
    assert len(reminders_to(citizen.email)) == 2
    assert sorted(appointment.reminders.values_list("hours_before", flat=True)) == [2, 24]


def test_a_meeting_approved_late_gets_only_the_latest_reminder(official):
    schedule = ScheduleFactory(officials=[official], reminder_hours=[24, 2])
    appointment = approved(official, next_weekday(2), "10:00", schedule=schedule)

    assert run_at([appointment.starts_at - timedelta(minutes=90)] * 2) == [1, 0]
    assert list(appointment.reminders.values_list("hours_before", flat=True)) == [2]


def test_a_moved_meeting_is_reminded_again_for_its_new_time(official):
    citizen = UserFactory()
    schedule = ScheduleFactory(officials=[official], reminder_hours=[24, 2])
    wednesday = next_weekday(2)
    appointment = approved(official, wednesday, "10:00", author=citizen, schedule=schedule)
    assert run_at([appointment.starts_at - timedelta(hours=23)]) == [1]

    appointment_reschedule_by_citizen(
        appointment=appointment,
        citizen=citizen,
        starts_at=at(wednesday + timedelta(days=1), "10:00"),
    )

    new_start = at(wednesday + timedelta(days=1), "10:00")
    assert run_at([new_start - timedelta(hours=23), new_start - timedelta(hours=22)]) == [1, 0]
    assert run_at([new_start - timedelta(hours=1), new_start - timedelta(minutes=30)]) == [1, 0]
    assert appointment.reminders.filter(starts_at=new_start).count() == 2


def test_no_reminder_for_a_rejected_or_a_requested_meeting(official):
    schedule = ScheduleFactory(officials=[official], reminder_hours=[24, 2])
    wednesday = next_weekday(2)
    book(schedule, at(wednesday, "09:00"))  # still waiting for approval
    rejected = book(schedule, at(wednesday, "10:00"))
    appointment_reject(appointment=rejected, actor=official, reason="Не е по компетентност")

    assert run_at([at(wednesday, "08:30"), at(wednesday, "07:00") - timedelta(hours=16)]) == [0, 0]


def test_a_schedule_without_reminders_sends_none(official):
    schedule = ScheduleFactory(officials=[official], reminder_hours=[])
    appointment = approved(official, next_weekday(2), "10:00", schedule=schedule)

    assert run_at([appointment.starts_at - timedelta(hours=1)]) == [0]
