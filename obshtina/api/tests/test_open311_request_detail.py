"""GET requests/{service_request_id}: one public report by its (Cyrillic) registry number."""

from urllib.parse import quote

import pytest

from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_change_status
from obshtina.reports.tests.factories import submit_report
from obshtina.reports.tests.staff_helpers import officer_of

from .open311_helpers import BASE, FORMATS, errors, get, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_is_found_by_its_registry_number(client, fmt):
    report = submit_report(description="Паднало дърво")
    assert report.number.startswith("С-")  # Cyrillic С
    response = get(client, f"requests/{report.number}", fmt)
    assert response.status_code == 200
    (request,) = read(response, "service_requests")
    assert request["service_request_id"] == report.number
    assert request["description"] == "Паднало дърво"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_number_works_percent_encoded(client, fmt):
    report = submit_report()
    response = client.get(f"{BASE}requests/{quote(report.number)}.{fmt}")
    (request,) = read(response, "service_requests")
    assert request["service_request_id"] == report.number


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_number_is_a_404_error(client, fmt):
    (description,) = errors(get(client, "requests/С-1999-000001", fmt), status=404)
    assert "С-1999-000001" in description


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hidden_report_is_not_found(client, fmt):
    report = submit_report()
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    errors(get(client, f"requests/{report.number}", fmt), status=404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_request_asked_again_is_kept_until_its_report_changes(
    client, fmt, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    report = submit_report()
    first = get(client, f"requests/{report.number}", fmt).content
    with django_assert_max_num_queries(0):
        assert get(client, f"requests/{report.number}", fmt).content == first
    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        report_change_status(
            report=report,
            actor=officer_of(report.unit),
            status=Report.Status.RESOLVED,
            public_message="Дървото е премахнато.",
        )
    (request,) = read(get(client, f"requests/{report.number}", fmt), "service_requests")
    assert request["status"] == "closed"
