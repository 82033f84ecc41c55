"""The operator looks the caller up by phone or e-mail."""

import pytest
from django.urls import reverse

from obshtina.reports.tests.factories import submit_report

pytestmark = pytest.mark.django_db


def test_a_report_is_found_by_the_phone_in_another_format(client, operator):
    report = submit_report(submitter_phone="+359888123456")

    response = client.get(reverse("infodesk:console_caller"), {"phone": "0888 123 456"})

    assert response.status_code == 200
    assert report.number in response.content.decode()


def test_a_report_is_found_by_the_e_mail_in_any_case(client, operator):
    report = submit_report(submitter_email="Ivan@Example.bg")

    response = client.get(reverse("infodesk:console_caller"), {"email": "ivan@example.bg"})

    assert report.number in response.content.decode()


def test_another_callers_report_is_not_shown(client, operator):
    report = submit_report(submitter_phone="0888 123 457")

    response = client.get(reverse("infodesk:console_caller"), {"phone": "0888 123 456"})

    page = response.content.decode()
    assert report.number not in page
    assert "Няма сигнали, въпроси или писма" in page


def test_a_lookup_without_phone_or_e_mail_gets_a_clear_message(client, operator):
    response = client.get(reverse("infodesk:console_caller"), {"phone": ""})

    assert response.status_code == 400
    assert "Въведете телефон или имейл" in response.content.decode()


def test_a_phone_that_is_no_phone_gets_a_clear_message(client, operator):
    response = client.get(reverse("infodesk:console_caller"), {"phone": "abc"})

    assert response.status_code == 400
    assert "валиден телефонен номер" in response.content.decode()
