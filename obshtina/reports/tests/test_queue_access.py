"""An officer sees and changes only the reports of their units (the issue's access test)."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.reports.models import Report

from .factories import UnitFactory
from .staff_helpers import manage_url, officer_of, queue_url, report_in

pytestmark = pytest.mark.django_db

STAFF_URLS = ["casework:workspace", "reports:statistics", "reports:statistics_csv"]


@pytest.fixture
def unit_a():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def unit_b():
    return UnitFactory(name="Отдел „Озеленяване“")


def test_officer_of_another_unit_gets_404_for_the_report_page(client, unit_a, unit_b):
    report = report_in(unit_b)
    client.force_login(officer_of(unit_a))
    assert client.get(manage_url(report)).status_code == 404


def test_officer_of_another_unit_cannot_change_the_report(client, unit_a, unit_b):
    report = report_in(unit_b, submitter_email="maria@example.bg")
    client.force_login(officer_of(unit_a))
    for data in [
        {"action": "status", "status": "accepted"},
        {"action": "note", "note": "Не е наш"},
        {"action": "edit_text", "description": "Друг текст"},
    ]:
        assert client.post(manage_url(report), data).status_code == 404
    report.refresh_from_db()
    assert report.status == Report.Status.NEW
    assert report.description == "Дупка на пътя пред училището"
    assert [event.kind for event in report.events.all()] == ["created"]


def test_officer_of_the_unit_opens_the_report_with_the_submitters_data(client, unit_a):
    report = report_in(
        unit_a,
        submitter_name="Мария Иванова",
        submitter_email="maria@example.bg",
        submitter_phone="+359888111222",
    )
    client.force_login(officer_of(unit_a))
    response = client.get(manage_url(report))
    assert response.status_code == 200
    for text in ["Мария Иванова", "maria@example.bg", "+359888111222", report.number]:
        assert text in response.text


def test_queue_lists_only_the_reports_of_the_officers_units(client, unit_a, unit_b):
    own = report_in(unit_a)
    other = report_in(unit_b)
    client.force_login(officer_of(unit_a))
    response = client.get(queue_url())
    assert own.number in response.text
    assert other.number not in response.text


@pytest.mark.parametrize("name", STAFF_URLS)
def test_a_citizen_gets_403(client, name):
    client.force_login(UserFactory())
    assert client.get(reverse(name)).status_code == 403


def test_a_citizen_gets_403_for_a_report_page_even_their_own(client, unit_a):
    citizen = UserFactory()
    report = report_in(unit_a, author=citizen)
    client.force_login(citizen)
    assert client.get(manage_url(report)).status_code == 403


@pytest.mark.parametrize("name", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_anonymous_visitors_are_sent_to_log_in_from_a_report_page(client, unit_a):
    response = client.get(manage_url(report_in(unit_a)))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_operator_sees_every_report_but_changes_nothing(client, unit_a, unit_b):
    report = report_in(unit_b)
    client.force_login(StaffUserFactory(role="operator"))
    assert report.number in client.get(queue_url()).text
    page = client.get(manage_url(report))
    assert page.status_code == 200
    assert "Можете само да разглеждате" in page.text
    assert (
        client.post(manage_url(report), {"action": "status", "status": "accepted"}).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.status == Report.Status.NEW


def test_an_administrator_sees_and_changes_every_report(client, unit_b):
    report = report_in(unit_b)
    client.force_login(UserFactory(is_superuser=True, second_factor=True))
    assert report.number in client.get(queue_url()).text
    response = client.post(manage_url(report), {"action": "status", "status": "accepted"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED


def test_a_staff_member_without_reports_role_sees_an_empty_queue(client, unit_a):
    report = report_in(unit_a)
    client.force_login(StaffUserFactory(role="registry_clerk"))
    assert report.number not in client.get(queue_url()).text
    assert client.get(manage_url(report)).status_code == 404
