"""An official decides on a meeting from its staff page, and the citizen hears of it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from ..services.decisions import appointment_approve
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory(second_factor=True)


@pytest.fixture
def schedule(official):
    return ScheduleFactory(officials=[official])


@pytest.fixture
def citizen():
    return UserFactory()


@pytest.fixture
def meeting(schedule, citizen):
    return book(schedule, at(next_weekday(0), "09:00"), author=citizen, wants_video=True)


def seen(appointment):
    appointment.refresh_from_db()
    return f"{appointment.status}:{appointment.sequence}"


def act(client, appointment, action, **data):
    return client.post(
        reverse("reception:manage", args=[appointment.number]),
        {"action": action, "seen": seen(appointment), **data},
    )


def invitation(message):
    ics = next(content for name, content, _ in message.attachments if name == "invite.ics")
    calendar = Calendar.from_ical(ics)
    return str(calendar["METHOD"]), next(iter(calendar.walk("VEVENT")))


def test_the_page_shows_the_citizen_topic_and_the_video_wish(client, official, meeting, citizen):
    client.force_login(official)

    page = client.get(reverse("reception:manage", args=[meeting.number])).content.decode()

    assert citizen.email in page and citizen.get_full_name() in page
    assert meeting.topic in page
    assert "гражданинът желае" in page


def test_approval_with_a_generated_jitsi_room_sends_an_invitation(
    client, official, meeting, citizen, settings, django_capture_on_commit_callbacks
):
    settings.VIDEO_PROVIDER = "jitsi"
    settings.VIDEO_URL_TEMPLATE = "https://video.samokov.bg/{room}"
    client.force_login(official)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, meeting, "approve", generate="on")

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.APPROVED
    assert re.fullmatch(
        r"https://video\.samokov\.bg/obshtina-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
        r"[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        meeting.video_url,
    )
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert meeting.video_url in message.body
    method, event = invitation(message)
    assert method == "REQUEST"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_approval_with_a_pasted_link_keeps_it(client, official, meeting):
    client.force_login(official)

    act(client, meeting, "approve", video_url="https://bbb.samokov.bg/b/room-1")

    meeting.refresh_from_db()
    assert meeting.video_url == "https://bbb.samokov.bg/b/room-1"


def test_a_bad_pasted_link_is_refused_in_place_and_nothing_is_lost(client, official, meeting):
    client.force_login(official)

    response = act(client, meeting, "approve", video_url="javascript:alert(1)")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Въведете валиден адрес" in page
    assert 'value="javascript:alert(1)"' in page
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.REQUESTED


def test_a_rejection_without_a_reason_gets_a_message(client, official, meeting):
    client.force_login(official)

    response = act(client, meeting, "reject", reason="  ")

    assert response.status_code == 400
    assert "Посочете причина" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.REQUESTED


def test_a_rejection_with_a_reason_tells_the_citizen(
    client, official, meeting, citizen, django_capture_on_commit_callbacks
):
    client.force_login(official)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, meeting, "reject", reason="Въпросът е към НАП")

    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.REJECTED
    assert "Въпросът е към НАП" in mail.outbox[-1].body
    assert invitation(mail.outbox[-1])[0] == "CANCEL"


def test_the_second_of_two_officials_is_told_the_meeting_changed(client, schedule, meeting):
    first, second = UserFactory(second_factor=True), UserFactory(second_factor=True)
    schedule.officials.add(first, second)
    seen_by_both = seen(meeting)
    appointment_approve(appointment=meeting, actor=first)
    client.force_login(second)

    response = client.post(
        reverse("reception:manage", args=[meeting.number]),
        {"action": "reject", "seen": seen_by_both, "reason": "Не е по компетентност"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Срещата междувременно е променена" in page
    assert "одобрена" in page  # the current state
    assert "Не е по компетентност" in page  # kept for cancelling, if still wanted
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.APPROVED


def test_a_second_approval_of_the_same_request_is_refused(client, schedule, meeting):
    first, second = UserFactory(second_factor=True), UserFactory(second_factor=True)
    schedule.officials.add(first, second)
    seen_by_both = seen(meeting)
    appointment_approve(appointment=meeting, actor=first)
    client.force_login(second)

    response = client.post(
        reverse("reception:manage", args=[meeting.number]),
        {"action": "approve", "seen": seen_by_both},
    )

    assert response.status_code == 409
    assert "Срещата междувременно е променена" in response.content.decode()
    assert meeting.events.filter(action="approved").count() == 1


def test_cancelling_tells_the_citizen_the_reason(
    client, official, meeting, citizen, django_capture_on_commit_callbacks
):
    appointment_approve(appointment=meeting, actor=official)
    client.force_login(official)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, meeting, "cancel", reason="Командировка на кмета")

    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.CANCELLED
    [message] = mail.outbox
    assert "Командировка на кмета" in message.body
    method, event = invitation(message)
    assert method == "CANCEL" and str(event["STATUS"]) == "CANCELLED"


def test_a_past_meeting_is_marked_held_or_missed(client, official, schedule):
    held, missed = (
        book(schedule, at(next_weekday(0), "09:00")),
        book(schedule, at(next_weekday(0), "09:30")),
    )
    for hours_ago, meeting in ((2, held), (4, missed)):
        appointment_approve(appointment=meeting, actor=official)
        start = timezone.now() - timedelta(hours=hours_ago)
        Appointment.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + timedelta(minutes=30)
        )
    client.force_login(official)

    act(client, held, "held")
    act(client, missed, "missed")

    held.refresh_from_db()
    missed.refresh_from_db()
    assert held.status == Appointment.Status.HELD
    assert missed.status == Appointment.Status.MISSED


def test_an_upcoming_meeting_cannot_be_marked_held(client, official, meeting):
    appointment_approve(appointment=meeting, actor=official)
    client.force_login(official)

    response = act(client, meeting, "held")

    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.APPROVED


def test_moving_a_meeting_raises_the_sequence_and_sends_an_update(
    client, official, meeting, citizen, django_capture_on_commit_callbacks
):
    appointment_approve(appointment=meeting, actor=official)
    meeting.refresh_from_db()
    before = meeting.sequence
    new_start = at(meeting.starts_at.date(), "14:00")
    client.force_login(official)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, meeting, "reschedule", slot=new_start.strftime("%Y-%m-%dT%H:%M"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    assert meeting.sequence == before + 1
    method, event = invitation(mail.outbox[-1])
    assert method == "REQUEST"
    assert int(event["SEQUENCE"]) == meeting.sequence
    assert event["DTSTART"].dt == new_start


def test_moving_to_a_slot_that_is_not_free_is_refused_in_place(client, official, schedule, meeting):
    other = book(schedule, at(meeting.starts_at.date(), "10:00"))
    client.force_login(official)

    response = act(client, meeting, "reschedule", slot=other.starts_at.strftime("%Y-%m-%dT%H:%M"))

    assert response.status_code == 400
    assert "вече не е свободен" in response.content.decode()


def test_the_timeline_names_who_did_what(client, official, meeting, citizen):
    official.first_name, official.last_name = "Ангел", "Петров"
    official.save()
    appointment_approve(appointment=meeting, actor=official)
    client.force_login(official)

    page = client.get(reverse("reception:manage", args=[meeting.number])).content.decode()

    assert "Заявена от гражданина" in page and citizen.get_full_name() in page
    assert "Одобрена" in page and "Ангел Петров" in page
