"""A meeting is private: its page, cancel form and calendar file are for its citizen
and the officials of its schedule; anyone else gets 404."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment():
    return book(ScheduleFactory(), at(next_weekday(0), "09:00"), topic="Лична тема")


def urls(appointment):
    return {
        "page": reverse("reception:appointment", args=[appointment.number]),
        "cancel": reverse("reception:cancel", args=[appointment.number]),
        "ics": reverse("reception:calendar_file", args=[appointment.number]),
    }


def test_another_citizen_gets_404_on_the_page_the_cancel_form_and_the_calendar_file(
    client, appointment
):
    client.force_login(UserFactory())
    links = urls(appointment)

    assert client.get(links["page"]).status_code == 404
    assert client.post(links["cancel"], {"reason": "Не искам"}).status_code == 404
    assert client.get(links["ics"]).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.REQUESTED


def test_an_anonymous_visitor_gets_404_with_a_way_to_log_in(client, appointment):
    links = urls(appointment)

    response = client.get(links["page"])

    assert response.status_code == 404
    assert "Лична тема" not in response.content.decode()
    assert reverse("account_login") in response.content.decode()
    assert client.post(links["cancel"], {"reason": "Не искам"}).status_code == 404
    assert client.get(links["ics"]).status_code == 404


def test_an_unknown_number_looks_the_same_as_someone_elses(client):
    client.force_login(UserFactory())

    assert client.get(reverse("reception:appointment", args=["ПВ-2026-999999"])).status_code == 404


def test_an_official_of_another_schedule_gets_404(client, appointment):
    elsewhere = UserFactory(is_staff=True, second_factor=True)
    ScheduleFactory(officials=[elsewhere])
    client.force_login(elsewhere)

    assert client.get(urls(appointment)["page"]).status_code == 404


def test_the_official_of_the_schedule_sees_the_meeting_but_cannot_cancel_it_as_the_citizen(
    client, appointment
):
    official = UserFactory(is_staff=True, second_factor=True)
    appointment.schedule.officials.add(official)
    client.force_login(official)
    links = urls(appointment)

    page = client.get(links["page"])

    assert page.status_code == 200 and "Лична тема" in page.content.decode()
    assert "Откажи срещата" not in page.content.decode()
    assert client.post(links["cancel"], {"reason": "Не"}).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.REQUESTED
