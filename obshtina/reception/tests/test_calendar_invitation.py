"""Calendar invitations update the same event: one UID, a rising SEQUENCE, CANCEL at the end."""

import pytest
from django.core import mail
from icalendar import Calendar

from obshtina.accounts.tests.factories import UserFactory

from ..services.decisions import (
    appointment_approve,
    appointment_cancel_by_staff,
    appointment_reschedule,
    appointment_reschedule_by_citizen,
)
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def invitations(to):
    found = []
    for message in mail.outbox:
        if message.to != [to]:
            continue
        ics = next(content for name, content, _ in message.attachments if name == "invite.ics")
        calendar = Calendar.from_ical(ics)
        event = next(iter(calendar.walk("VEVENT")))
        found.append((str(calendar["METHOD"]), event))
    return found


def test_every_change_sends_the_same_event_with_a_higher_sequence_and_cancel_at_the_end(
    django_capture_on_commit_callbacks,
):
    citizen, official = UserFactory(), UserFactory()
    schedule = ScheduleFactory(officials=[official])
    monday = next_weekday(0)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(schedule, at(monday, "09:00"), author=citizen)
        appointment_approve(appointment=appointment, actor=official, generate_video=True)
        appointment_reschedule(
            appointment=appointment, actor=official, starts_at=at(monday, "10:00")
        )
        appointment_cancel_by_staff(appointment=appointment, actor=official, reason="Командировка")

    sent = invitations(citizen.email)

    assert [method for method, _ in sent] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL"]
    assert len({str(event["UID"]) for _, event in sent}) == 1
    sequences = [int(event["SEQUENCE"]) for _, event in sent]
    assert sequences == sorted(sequences) and len(set(sequences)) == 4
    assert [str(event["STATUS"]) for _, event in sent] == [
        "TENTATIVE",
        "CONFIRMED",
        "CONFIRMED",
        "CANCELLED",
    ]
    # The moved meeting starts at 10:00 Sofia time; DTSTAMP is written in UTC.
    moved = sent[2][1]
    assert moved["DTSTART"].dt == at(monday, "10:00")
    assert sent[0][1]["DTSTAMP"].to_ical().endswith(b"Z")
    assert "meet.jit.si" in str(sent[1][1]["URL"])


def test_the_invitation_names_the_place_and_the_topic_but_no_other_citizen():
    from ..calendar import appointment_invitation

    appointment = book(ScheduleFactory(), at(next_weekday(1), "11:00"), topic="Данъчна оценка")

    ics = appointment_invitation(appointment)

    assert "Данъчна оценка" in Calendar.from_ical(ics).walk("VEVENT")[0]["DESCRIPTION"]
    assert "LOCATION:" in ics and "ORGANIZER" in ics


def test_a_citizens_move_updates_the_same_event_and_the_email_says_it_is_a_change(
    django_capture_on_commit_callbacks,
):
    citizen = UserFactory()
    monday = next_weekday(0)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(ScheduleFactory(), at(monday, "09:00"), author=citizen)
        appointment_reschedule_by_citizen(
            appointment=appointment, citizen=citizen, starts_at=at(monday, "11:00")
        )

    (_, first), (method, moved) = invitations(citizen.email)
    assert method == "REQUEST"
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved["DTSTART"].dt == at(monday, "11:00")
    change = mail.outbox[-1]
    assert "нов час" in change.subject
    assert "Часът на срещата ви е променен." in change.body
    assert "Предишен час" in change.body and "09:00" in change.body
