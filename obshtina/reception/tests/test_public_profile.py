""" "Моите срещи" in the profile hub and in the data export; what account deletion
does to the citizen's meetings."""

import json

import pytest
from django.urls import reverse

from obshtina.accounts.services import user_delete_account
from obshtina.accounts.tests.factories import UserFactory

from ..models import Appointment
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_profile_hub_links_to_my_meetings_with_their_count(client, citizen):
    book(ScheduleFactory(), at(next_weekday(0), "09:00"), author=citizen)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert f'href="{reverse("reception:mine")}"' in page
    assert "Моите срещи" in page and "1 запис" in page


def test_the_export_holds_my_meetings_and_nobody_elses(client, citizen):
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    mine = book(schedule, at(monday, "09:00"), author=citizen, topic="Моята тема")
    book(schedule, at(monday, "09:30"), topic="Чужда тема")

    data = json.loads(client.get(reverse("accounts:export")).content)

    assert [entry["number"] for entry in data["appointments"]] == [mine.number]
    assert data["appointments"][0]["topic"] == "Моята тема"
    assert data["appointments"][0]["history"][0]["action"] == "requested"
    assert "Чужда тема" not in json.dumps(data, ensure_ascii=False)


def test_deleting_the_account_cancels_upcoming_meetings_and_keeps_them_anonymous():
    citizen = UserFactory()
    schedule = ScheduleFactory()
    slot = at(next_weekday(0), "09:00")
    appointment = book(schedule, slot, author=citizen)

    user_delete_account(user=citizen)

    appointment.refresh_from_db()
    assert appointment.author is None
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.reason == "Профилът на гражданина е изтрит."
    assert appointment.events.filter(action="cancelled_by_citizen").exists()
    book(schedule, slot)  # the slot is free for others
