"""Receipts name what the device remembers: the number and the private link."""

import pytest
from django.urls import reverse

from obshtina.infodesk.tests.questions_factories import ask
from obshtina.reports.tests.factories import submit_report

pytestmark = pytest.mark.django_db


def test_the_report_receipt_hands_its_number_and_private_link_to_the_device(client):
    report = submit_report()

    html = client.get(reverse("reports:submitted", args=[report.access_token])).content.decode()

    assert "data-remember-item" in html
    assert f'data-number="{report.number}"' in html
    assert f'data-access-url="{report.get_access_url()}"' in html
    assert 'data-draft="report"' in html


def test_the_question_receipt_hands_its_number_and_private_link_to_the_device(client):
    question = ask(asker_email="ivan@example.bg")

    html = client.get(
        reverse("infodesk:question_sent", args=[question.access_token])
    ).content.decode()

    assert 'data-kind="question"' in html
    assert f'data-number="{question.number}"' in html
    assert f'data-access-url="{question.get_access_url()}"' in html


def test_public_pages_never_carry_a_private_link(client):
    report = submit_report()

    html = client.get(report.get_absolute_url()).content.decode()

    assert report.get_access_url() not in html
    assert "data-remember-item" not in html
