"""The queue's filters, status counts and the overdue mark."""

import pytest

from obshtina.organization.models import Settlement
from obshtina.reports.models import Report

from .factories import CategoryFactory
from .staff_helpers import make_overdue, queue_url, report_in

pytestmark = pytest.mark.django_db


def numbers_on(client, **params) -> str:
    return client.get(queue_url(**params)).text


def test_filter_by_status(client, unit, officer):
    new = report_in(unit)
    accepted = report_in(unit)
    Report.objects.filter(pk=accepted.pk).update(status=Report.Status.ACCEPTED)
    page = numbers_on(client, status="accepted")
    assert accepted.number in page
    assert new.number not in page


def test_filter_by_category(client, unit, officer):
    potholes = CategoryFactory(unit=unit, name="Дупки")
    lights = CategoryFactory(unit=unit, name="Осветление")
    pothole = report_in(unit, category=potholes)
    light = report_in(unit, category=lights)
    page = numbers_on(client, category=lights.pk)
    assert light.number in page
    assert pothole.number not in page


def test_filter_by_settlement(client, unit, officer):
    village = Settlement.objects.create(name="Говедарци", latitude=42.24, longitude=23.47)
    in_village = report_in(unit, settlement=village)
    in_town = report_in(unit)
    page = numbers_on(client, settlement=village.pk)
    assert in_village.number in page
    assert in_town.number not in page


def test_search_by_number_and_by_text(client, unit, officer):
    first = report_in(unit, description="Паднало дърво на ул. Искър")
    second = report_in(unit, description="Счупена пейка")
    assert second.number not in numbers_on(client, q=first.number)
    page = numbers_on(client, q="пейка")
    assert second.number in page
    assert first.number not in page


def test_filter_assigned_to_me(client, unit, officer):
    mine = report_in(unit)
    Report.objects.filter(pk=mine.pk).update(assigned_to=officer)
    other = report_in(unit)
    page = numbers_on(client, assignee="me")
    assert mine.number in page
    assert other.number not in page


def test_overdue_reports_are_filtered_and_marked_in_words(client, unit, officer):
    late = make_overdue(report_in(unit))
    on_time = report_in(unit)
    closed_late = make_overdue(report_in(unit))
    Report.objects.filter(pk=closed_late.pk).update(status=Report.Status.RESOLVED)

    page = numbers_on(client, due="overdue")
    assert late.number in page
    assert on_time.number not in page
    assert closed_late.number not in page
    assert "просрочен</span>" in page


def test_a_report_on_time_is_not_marked_overdue(client, unit, officer):
    report_in(unit)
    assert "просрочен</span>" not in numbers_on(client)


def test_the_counts_of_new_and_overdue_reports_are_shown(client, unit, officer):
    report_in(unit)
    report_in(unit)
    make_overdue(report_in(unit))
    page = numbers_on(client)
    assert "Нови: <strong>3</strong>" in page
    assert "Просрочени: <strong>1</strong>" in page


def test_a_closed_report_is_found_by_its_status(client, unit, officer):
    resolved = report_in(unit)
    Report.objects.filter(pk=resolved.pk).update(status=Report.Status.RESOLVED)
    assert resolved.number not in numbers_on(client)
    assert resolved.number in numbers_on(client, status="resolved")


def test_an_invalid_filter_shows_the_whole_queue(client, unit, officer):
    report = report_in(unit)
    response = client.get(queue_url(status="nonsense", page="x"))
    assert response.status_code == 200
    assert report.number in response.text
