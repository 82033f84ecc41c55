"""Staff book a free slot for someone who phoned or came to the counter."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    return ScheduleFactory()


def key(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def booking(schedule, starts_at, **data):
    return {
        "schedule": schedule.pk,
        "from": starts_at.date().isoformat(),
        "slot": key(starts_at),
        "account": "none",
        "citizen_name": "",
        "citizen_phone": "",
        "citizen_email": "",
        "topic": "Скица на имот",
        "document_number": "",
        "channel": "phone",
        **data,
    }


def test_the_page_offers_the_schedule_s_free_slots_and_prefills_the_caller(
    client, operator, schedule
):
    monday = next_weekday(0)
    book(schedule, at(monday, "09:00"))

    response = client.get(
        reverse("reception:book"),
        {
            "schedule": schedule.pk,
            "phone": "0888 111 222",
            "name": "Стоян Стоянов",
            "from": monday.isoformat(),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{key(at(monday, "09:30"))}"' in page
    assert f'value="{key(at(monday, "09:00"))}"' not in page  # taken
    assert f'value="{key(at(monday, "12:00"))}"' not in page  # lunch break
    assert 'value="Стоян Стоянов"' in page and 'value="0888 111 222"' in page


def test_staff_may_book_inside_the_citizens_notice(client, operator, schedule, settings):
    settings.RECEPTION_MIN_NOTICE_MINUTES = 60 * 24 * 30

    response = client.get(reverse("reception:book"), {"schedule": schedule.pk})

    assert 'name="slot"' in response.content.decode()


def test_a_caller_without_an_account_or_e_mail_is_booked_approved_without_mail(
    client, operator, schedule, django_capture_on_commit_callbacks
):
    starts_at = at(next_weekday(0), "10:00")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reception:book"),
            booking(
                schedule,
                starts_at,
                citizen_name="Стоян Стоянов",
                citizen_phone="0888 111 222",
                document_number="С-2026-000001",
            ),
        )

    assert response.status_code == 302
    meeting = Appointment.objects.get()
    assert meeting.status == Appointment.Status.APPROVED
    assert meeting.channel == Appointment.Channel.PHONE
    assert meeting.citizen_name == "Стоян Стоянов" and meeting.author is None
    assert meeting.booked_by == operator
    assert mail.outbox == []
    follow = client.get(response["Location"])
    assert meeting.number in follow.content.decode()


def test_a_registered_citizen_found_by_phone_is_booked_and_notified(
    client, operator, schedule, django_capture_on_commit_callbacks
):
    citizen = UserFactory(phone="+359888765432", first_name="Мария", last_name="Тодорова")
    search = client.get(reverse("reception:book"), {"schedule": schedule.pk, "phone": "0888765432"})
    assert "Мария Тодорова" in search.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reception:book"),
            booking(
                schedule,
                at(next_weekday(1), "09:30"),
                account=str(citizen.pk),
                citizen_phone="0888765432",
                channel="counter",
            ),
        )

    meeting = Appointment.objects.get()
    assert meeting.author == citizen
    assert meeting.channel == Appointment.Channel.COUNTER
    assert meeting.status == Appointment.Status.APPROVED
    [message] = mail.outbox
    assert message.to == [citizen.email]


def test_a_profile_that_does_not_match_the_typed_contacts_is_refused(client, operator, schedule):
    stranger = UserFactory(phone="+359888000001")

    response = client.post(
        reverse("reception:book"),
        booking(
            schedule,
            at(next_weekday(0), "10:00"),
            account=str(stranger.pk),
            citizen_phone="0888 111 222",
        ),
    )

    assert response.status_code == 400
    assert "не отговаря" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_taken_slot_gets_a_message_and_the_current_free_slots_nothing_typed_lost(
    client, operator, schedule
):
    starts_at = at(next_weekday(0), "10:00")
    book(schedule, starts_at)

    response = client.post(
        reverse("reception:book"),
        booking(
            schedule,
            starts_at,
            citizen_name="Стоян Стоянов",
            citizen_phone="0888 111 222",
            topic="Скица на имот в Белчин",
        ),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "току-що беше зает" in page
    assert f'value="{key(at(next_weekday(0), "10:30"))}"' in page
    assert "Скица на имот в Белчин" in page and "Стоян Стоянов" in page


def test_a_missing_topic_and_phone_get_clear_messages(client, operator, schedule):
    response = client.post(
        reverse("reception:book"),
        booking(schedule, at(next_weekday(0), "10:00"), topic="", citizen_name="Стоян"),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Напишете темата на срещата" in page
    assert "Въведете телефон за връзка" in page
    assert 'aria-invalid="true"' in page


def test_an_official_books_only_into_their_own_schedules(client, schedule):
    official = UserFactory(second_factor=True)
    own = ScheduleFactory(officials=[official])
    client.force_login(official)

    response = client.post(
        reverse("reception:book"),
        booking(
            schedule, at(next_weekday(0), "10:00"), citizen_name="А", citizen_phone="0888111222"
        ),
    )

    assert response.status_code == 302
    assert not Appointment.objects.exists()
    page = client.get(reverse("reception:book")).content.decode()
    assert str(own) in page and str(schedule) not in page


def test_an_official_who_books_lands_on_the_meeting_s_page(client, schedule):
    official = UserFactory(second_factor=True)
    schedule.officials.add(official)
    client.force_login(official)

    response = client.post(
        reverse("reception:book"),
        booking(
            schedule, at(next_weekday(0), "10:00"), citizen_name="А", citizen_phone="0888111222"
        ),
    )

    meeting = Appointment.objects.get()
    assert response["Location"] == reverse("reception:manage", args=[meeting.number])
