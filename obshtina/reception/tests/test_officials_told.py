"""The schedule's officials hear when a citizen requests or cancels a meeting (never who
or why); the citizen's e-mails are in the language of their account."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification

from ..services.decisions import appointment_cancel_by_citizen, appointment_cancel_by_staff
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory(second_factor=True)


@pytest.fixture
def schedule(official):
    return ScheduleFactory(title="Кмет на общината", officials=[official])


@pytest.fixture
def citizen():
    return UserFactory(first_name="Мария", last_name="Тайнова")


def notices_to(user):
    return Notification.objects.filter(user=user, template="work_notice", channel="email")


def test_the_officials_are_emailed_when_a_citizen_requests_a_meeting(official, schedule, citizen):
    day = next_weekday(1)
    appointment = book(schedule, at(day, "10:30"), author=citizen, topic="Тайна преписка")

    notice = notices_to(official).get()
    assert notice.subject == f"Заявена среща: среща {appointment.number}"
    assert f"{day:%d.%m.%Y} 10:30" in notice.text_body
    assert "Кмет на общината" in notice.text_body
    assert reverse("reception:manage", args=[appointment.number]) in notice.text_body
    for private in ("Тайнова", citizen.email, "Тайна преписка"):
        assert private not in notice.text_body + notice.html_body + notice.subject


def test_every_official_of_the_schedule_is_told(schedule):
    other = UserFactory()
    schedule.officials.add(other)

    book(schedule, at(next_weekday(1), "10:30"))

    assert notices_to(other).count() == 1


def test_the_officials_are_emailed_when_the_citizen_cancels(client, official, schedule, citizen):
    appointment = book(schedule, at(next_weekday(1), "10:30"), author=citizen)
    client.force_login(citizen)

    client.post(reverse("reception:cancel", args=[appointment.number]), {"reason": "Болен съм."})

    notice = notices_to(official).get(subject__startswith="Отказана")
    assert notice.subject == f"Отказана от гражданина среща: среща {appointment.number}"
    assert "Болен съм." not in notice.text_body


def test_a_cancellation_by_the_office_is_not_told_to_its_officials(official, schedule):
    appointment = book(schedule, at(next_weekday(1), "10:30"))
    colleague = UserFactory()
    schedule.officials.add(colleague)

    appointment_cancel_by_staff(appointment=appointment, actor=official, reason="Отпуск.")

    assert not notices_to(colleague).filter(subject__startswith="Отказана").exists()
    assert not notices_to(official).filter(subject__startswith="Отказана").exists()


def test_a_citizen_in_english_gets_the_meeting_emails_in_english(schedule):
    citizen = UserFactory(language="en")
    appointment = book(schedule, at(next_weekday(0), "09:00"), author=citizen)
    appointment_cancel_by_citizen(appointment=appointment, citizen=citizen, reason="Пътувам.")

    emails = Notification.objects.filter(to_email=citizen.email, channel="email")
    assert [email.language for email in emails] == ["en", "en"]
    assert all("Monday" in email.text_body for email in emails)
    assert all('<html lang="en">' in email.html_body for email in emails)


def test_a_citizen_in_bulgarian_reads_the_day_in_bulgarian(schedule, citizen):
    book(schedule, at(next_weekday(0), "09:00"), author=citizen)

    assert "понеделник" in Notification.objects.get(to_email=citizen.email).text_body
