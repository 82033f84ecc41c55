"""The operator registers a report for the caller and reads the number aloud."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.organization.models import Settlement
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"С-\d{4}-\d{6}")


@pytest.fixture
def settlement():
    return Settlement.objects.create(name="Самоков", latitude=SAMOKOV[0], longitude=SAMOKOV[1])


def register(client, **data):
    values = {
        "category": CategoryFactory().pk,
        "description": "Не свети уличната лампа на ул. „Искър“",
        "name": "Иван Петров",
        "phone": "0888 123 456",
    }
    return client.post(reverse("infodesk:console_report"), {**values, **data})


def test_the_report_is_registered_by_phone_and_its_number_is_shown(client, operator, settlement):
    response = register(client, settlement=settlement.pk)

    report = Report.objects.get()
    assert response.status_code == 200
    assert report.channel == Report.Channel.PHONE
    assert report.submitter_phone == "0888 123 456"
    assert NUMBER.fullmatch(report.number)
    assert report.number in response.content.decode()
    assert "имейл не е изпратен" in response.content.decode()


def test_the_caller_gets_the_tracking_e_mail_when_they_give_one(
    client, operator, settlement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, settlement=settlement.pk, email="ivan@example.bg")

    report = Report.objects.get()
    assert "Имейлът с номера" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["ivan@example.bg"]]
    assert report.number in mail.outbox[0].body


def test_coordinates_may_be_typed_instead_of_a_settlement(client, operator):
    register(client, latitude=SAMOKOV[0], longitude=SAMOKOV[1])

    assert Report.objects.get().latitude == SAMOKOV[0]


def test_a_report_without_a_place_is_refused_with_a_message(client, operator):
    response = register(client)

    assert response.status_code == 400
    assert not Report.objects.exists()
    assert "изберете населено място" in response.content.decode()


def test_the_number_is_prefilled_in_the_call_log(client, operator, settlement):
    register(client, settlement=settlement.pk)

    response = client.get(reverse("infodesk:console"))

    number = Report.objects.get().number
    assert f'value="{number}"' in response.content.decode()
