"""What officials do with a meeting, and what the citizen hears of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from ..services.booking import SlotTakenError, appointment_book_for_caller
from ..services.decisions import (
    AppointmentChangedError,
    appointment_approve,
    appointment_cancel_by_citizen,
    appointment_cancel_by_staff,
    appointment_mark_attendance,
    appointment_reject,
    appointment_reschedule,
    appointment_set_video,
)
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory()


@pytest.fixture
def schedule(official):
    return ScheduleFactory(officials=[official])


def test_approval_with_a_generated_jitsi_room_tells_the_citizen(
    schedule, official, django_capture_on_commit_callbacks, settings
):
    settings.VIDEO_URL_TEMPLATE = "https://video.samokov.bg/{room}"
    citizen = UserFactory()
    appointment = book(schedule, at(next_weekday(0), "09:00"), author=citizen, wants_video=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        appointment_approve(appointment=appointment, actor=official, generate_video=True)

    assert appointment.status == Appointment.Status.APPROVED
    assert appointment.video_url.startswith("https://video.samokov.bg/obshtina-")
    assert len(appointment.video_url.rsplit("-", 5)[-1]) == 12  # the end of a UUID
    assert mail.outbox[0].to == [citizen.email]
    assert "одобрена" in mail.outbox[0].subject
    assert appointment.video_url in mail.outbox[0].body


def test_a_meeting_the_office_cancelled_is_announced_without_its_video_link(
    schedule, official, django_capture_on_commit_callbacks, settings
):
    settings.VIDEO_URL_TEMPLATE = "https://video.samokov.bg/{room}"
    appointment = book(schedule, at(next_weekday(0), "09:00"), wants_video=True)
    appointment_approve(appointment=appointment, actor=official, generate_video=True)
    link = appointment.video_url
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        appointment_cancel_by_staff(appointment=appointment, actor=official, reason="Болничен")

    (cancelled,) = mail.outbox
    assert "Болничен" in cancelled.body
    assert link not in cancelled.body
    assert all(link not in str(content) for content, _type in cancelled.alternatives)
    assert all(link not in str(attachment) for attachment in cancelled.attachments)


def test_rejection_needs_a_reason_and_the_citizen_reads_it(
    schedule, official, django_capture_on_commit_callbacks
):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    with pytest.raises(ValidationError):
        appointment_reject(appointment=appointment, actor=official, reason=" ")

    with django_capture_on_commit_callbacks(execute=True):
        appointment_reject(appointment=appointment, actor=official, reason="Въпросът е към НАП")

    assert appointment.status == Appointment.Status.REJECTED
    assert "Въпросът е към НАП" in mail.outbox[-1].body


def test_only_the_schedules_officials_may_decide(schedule):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        appointment_approve(appointment=appointment, actor=stranger)


def test_a_decision_on_a_meeting_that_changed_meanwhile_is_refused(schedule, official):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    stale = Appointment.objects.get(pk=appointment.pk)
    appointment_reject(appointment=appointment, actor=official, reason="Дублирана заявка")

    with pytest.raises(AppointmentChangedError):
        appointment_approve(appointment=stale, actor=official)


def test_the_administration_cancels_with_a_reason_the_citizen_hears(
    schedule, official, django_capture_on_commit_callbacks
):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    appointment_approve(appointment=appointment, actor=official)
    with django_capture_on_commit_callbacks(execute=True):
        appointment_cancel_by_staff(appointment=appointment, actor=official, reason="Болничен")

    assert appointment.status == Appointment.Status.CANCELLED
    assert "анулирана" in mail.outbox[-1].body and "Болничен" in mail.outbox[-1].body


def test_a_citizen_cancels_only_their_own_meeting(schedule):
    owner = UserFactory()
    appointment = book(schedule, at(next_weekday(0), "09:00"), author=owner)
    with pytest.raises(PermissionDenied):
        appointment_cancel_by_citizen(appointment=appointment, citizen=UserFactory(), reason="x")

    appointment_cancel_by_citizen(appointment=appointment, citizen=owner, reason="Реших въпроса")

    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.events.last().message == "Реших въпроса"


def test_attendance_is_marked_only_after_the_start(schedule, official):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    appointment_approve(appointment=appointment, actor=official)
    with pytest.raises(ValidationError, match="още не е започнала"):
        appointment_mark_attendance(appointment=appointment, actor=official, held=True)

    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() - timedelta(minutes=30),
    )
    appointment.refresh_from_db()
    appointment_mark_attendance(appointment=appointment, actor=official, held=False)

    assert appointment.status == Appointment.Status.MISSED


def test_moving_a_meeting_to_a_taken_slot_is_refused(schedule, official):
    monday = next_weekday(0)
    first = book(schedule, at(monday, "09:00"))
    book(schedule, at(monday, "09:30"))

    with pytest.raises(SlotTakenError):
        appointment_reschedule(appointment=first, actor=official, starts_at=at(monday, "09:30"))

    appointment_reschedule(appointment=first, actor=official, starts_at=at(monday, "11:00"))
    assert first.starts_at == at(monday, "11:00")


def test_a_pasted_video_link_must_be_a_web_address(schedule, official):
    appointment = book(schedule, at(next_weekday(0), "09:00"))
    with pytest.raises(ValidationError):
        appointment_set_video(
            appointment=appointment, actor=official, video_url="javascript:alert(1)"
        )

    appointment_set_video(
        appointment=appointment, actor=official, video_url="https://bbb.samokov.bg/b/abc"
    )
    assert appointment.video_url == "https://bbb.samokov.bg/b/abc"


def test_staff_book_a_caller_without_an_account_approved_at_once(
    schedule, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = appointment_book_for_caller(
            schedule=schedule,
            starts_at=at(next_weekday(0), "13:00"),
            booked_by=official,
            topic="Скица",
            citizen_name="Стоян Стоянов",
            citizen_phone="0888 123 456",
        )

    assert appointment.status == Appointment.Status.APPROVED
    assert appointment.channel == Appointment.Channel.PHONE
    assert mail.outbox == []  # no e-mail given: staff tell the caller by phone


def test_a_caller_without_an_account_needs_a_name_and_a_phone(schedule, official):
    with pytest.raises(ValidationError) as error:
        appointment_book_for_caller(
            schedule=schedule, starts_at=at(next_weekday(0), "13:00"), booked_by=official, topic="x"
        )
    assert set(error.value.message_dict) == {"citizen_name", "citizen_phone"}
