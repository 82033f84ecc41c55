"""The operator sees a caller's reception meetings and books one for them."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reception.services.booking import appointment_book_for_caller
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def test_a_callers_meeting_booked_by_phone_is_found_by_the_phone(client, operator):
    meeting = appointment_book_for_caller(
        schedule=ScheduleFactory(),
        starts_at=at(next_weekday(0), "10:00"),
        booked_by=operator,
        topic="Скица",
        citizen_name="Стоян Стоянов",
        citizen_phone="+359 888 111 222",
    )

    page = client.get(reverse("infodesk:console_caller"), {"phone": "0888111222"}).content.decode()

    assert meeting.number in page
    assert "Срещи в приемното време" in page


def test_a_registered_citizens_meeting_is_found_by_the_account_e_mail(client, operator):
    citizen = UserFactory(email="maria@example.bg")
    meeting = book(ScheduleFactory(), at(next_weekday(1), "09:00"), author=citizen)

    page = client.get(
        reverse("infodesk:console_caller"), {"email": "Maria@Example.bg"}
    ).content.decode()

    assert meeting.number in page


def test_the_booking_link_carries_the_callers_contacts(client, operator):
    response = client.get(
        reverse("infodesk:console_caller"), {"phone": "0888 111 222", "email": "a@example.bg"}
    )

    page = response.content.decode()
    assert "Запази час" in page
    href = page.split('href="' + reverse("reception:book") + "?", 1)[1].split('"', 1)[0]
    query = parse_qs(urlsplit("?" + href.replace("&amp;", "&")).query)
    assert query["phone"] == ["0888 111 222"] and query["email"] == ["a@example.bg"]
