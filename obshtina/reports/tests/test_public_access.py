"""The submitter's private page, opened by the link from their e-mail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.reports.models import Report

from .factories import submit_report

pytestmark = pytest.mark.django_db

NAME = "Мария Тайнова"
EMAIL = "maria.tainova@example.bg"
PHONE = "0888 765 432"


@pytest.fixture
def report():
    return submit_report(submitter_name=NAME, submitter_email=EMAIL, submitter_phone=PHONE)


def resolve(report: Report, *, days_ago: int) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=days_ago)
    )


def test_the_access_link_shows_the_report_and_the_submitters_own_data(client, report):
    response = client.get(report.get_access_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert report.number in page
    assert NAME in page and EMAIL in page and PHONE in page


def test_the_access_page_is_kept_out_of_search_engines_and_caches(client, report):
    response = client.get(report.get_access_url())
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_an_invalid_token_is_404(client, report):
    response = client.get(reverse("reports:access", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert NAME not in response.content.decode()


def test_an_open_report_offers_no_reopen_form(client, report):
    assert "Не е решен?" not in client.get(report.get_access_url()).content.decode()


def test_a_report_resolved_within_30_days_offers_the_reopen_form(client, report):
    resolve(report, days_ago=29)
    page = client.get(report.get_access_url()).content.decode()
    assert "Не е решен?" in page
    assert reverse("reports:reopen", args=[report.access_token]) in page


def test_a_report_resolved_31_days_ago_offers_no_reopen_form(client, report):
    resolve(report, days_ago=31)
    assert "Не е решен?" not in client.get(report.get_access_url()).content.decode()
