"""A citizen's request for a slot: who may ask, for what, and how many at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory

from ..models import Absence, Appointment
from ..services.booking import BookingError, SlotTakenError, appointment_request
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def test_a_request_gets_a_registry_number_waits_for_approval_and_holds_its_slot():
    schedule = ScheduleFactory()
    monday = next_weekday(0)

    appointment = book(
        schedule, at(monday, "09:30"), document_number="П-2026-000042", wants_video=True
    )

    assert appointment.status == Appointment.Status.REQUESTED
    assert appointment.number.startswith("ПВ-")
    assert appointment.registry_number.code == appointment.number
    assert appointment.ends_at - appointment.starts_at == timedelta(minutes=30)
    assert appointment.document_number == "П-2026-000042" and appointment.wants_video
    with pytest.raises(SlotTakenError, match="току-що беше зает"):
        book(schedule, at(monday, "09:30"))


def test_the_citizen_is_told_the_request_was_received_with_a_calendar_invitation(
    django_capture_on_commit_callbacks,
):
    citizen = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(ScheduleFactory(), at(next_weekday(2), "10:00"), author=citizen)

    message = mail.outbox[-1]
    assert message.to == [citizen.email]
    assert appointment.number in message.subject
    ics = next(content for name, content, _ in message.attachments if name == "invite.ics")
    assert "METHOD:REQUEST" in ics and "STATUS:TENTATIVE" in ics


def test_an_unconfirmed_email_cannot_book():
    with pytest.raises(BookingError, match="Потвърдете имейла"):
        book(ScheduleFactory(), at(next_weekday(0), "09:00"), author=UserFactory(verified=False))


def test_a_topic_is_required():
    with pytest.raises(BookingError) as error:
        book(ScheduleFactory(), at(next_weekday(0), "09:00"), topic="   ")
    assert "темата" in str(error.value.message_dict["topic"])


@pytest.mark.parametrize(
    ("hhmm", "weekday", "message"),
    [
        ("12:00", 0, "не е в приемното време"),  # the lunch break
        ("09:10", 0, "не е в приемното време"),  # not the start of a slot
        ("18:00", 0, "не е в приемното време"),
        ("10:00", 6, "не е в приемното време"),  # Sunday
    ],
)
def test_a_time_outside_the_schedule_is_refused_with_a_clear_message(hhmm, weekday, message):
    with pytest.raises(BookingError, match=message):
        book(ScheduleFactory(), at(next_weekday(weekday), hhmm))


def test_a_slot_in_the_past_is_refused():
    schedule = ScheduleFactory()
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(BookingError, match="вече е минал"):
        book(schedule, at(yesterday, "10:00"))


def test_a_public_holiday_is_refused(settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 800
    schedule = ScheduleFactory()
    # 24 May, the day of Bulgarian script; a weekday in the next year that has it ahead.
    year = timezone.localdate().year + 1
    day = next(
        timezone.datetime(y, 5, 24).date()
        for y in range(year, year + 7)
        if timezone.datetime(y, 5, 24).weekday() < 5
    )
    with pytest.raises(BookingError, match="официален празник"):
        book(schedule, at(day, "10:00"))


def test_an_absence_is_refused():
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    Absence.objects.create(schedule=schedule, first_day=monday, last_day=monday, reason="Отпуск")
    with pytest.raises(BookingError, match="отсъствие"):
        book(schedule, at(monday, "10:00"))


def test_a_citizen_may_hold_only_a_few_pending_requests(settings):
    settings.RECEPTION_MAX_PENDING = 2
    citizen = UserFactory()
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    book(schedule, at(monday, "09:00"), author=citizen)
    book(schedule, at(monday, "09:30"), author=citizen)

    with pytest.raises(BookingError, match="чакат одобрение"):
        book(schedule, at(monday, "10:00"), author=citizen)
    # Someone else still may.
    book(schedule, at(monday, "10:00"))


def test_a_rejected_or_cancelled_meeting_frees_its_slot():
    from ..services.decisions import appointment_cancel_by_citizen

    citizen = UserFactory()
    schedule = ScheduleFactory()
    slot = at(next_weekday(3), "14:00")
    first = book(schedule, slot, author=citizen)
    appointment_cancel_by_citizen(appointment=first, citizen=citizen, reason="Разминаване")

    second = book(schedule, slot)

    assert second.starts_at == slot


def test_video_is_not_requested_where_the_schedule_offers_none():
    schedule = ScheduleFactory(offers_video=False)
    appointment = appointment_request(
        schedule=schedule,
        starts_at=at(next_weekday(0), "09:00"),
        author=UserFactory(),
        topic="Данъци",
        wants_video=True,
    )
    assert not appointment.wants_video
