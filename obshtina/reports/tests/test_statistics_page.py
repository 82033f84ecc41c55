"""Statistics for staff: counts by category, unit, status and month; median time to resolve."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from obshtina.reports.models import Report

from .factories import CategoryFactory, UnitFactory
from .staff_helpers import officer_of, report_in

pytestmark = pytest.mark.django_db

# Reports resolved 2 and 4 days back stay in this month only when "now" is pinned:
# on the 1st–4th of a month they would fall into the previous one.
MID_MONTH = datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("Europe/Sofia"))


@pytest.fixture(autouse=True)
def mid_month():
    with time_machine.travel(MID_MONTH, tick=False):
        yield


@pytest.fixture
def reports():
    roads = UnitFactory(name="Отдел „Пътища“")
    parks = UnitFactory(name="Отдел „Паркове“")
    potholes = CategoryFactory(unit=roads, name="Дупки")
    trees = CategoryFactory(unit=parks, name="Дървета")
    made = [report_in(roads, category=potholes) for _ in range(3)] + [
        report_in(parks, category=trees)
    ]
    now = timezone.now()
    # resolved after 2 and 4 days: the median is 3
    for report, days in zip(made[:2], [2, 4], strict=True):
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.RESOLVED,
            created_at=now - timedelta(days=days),
            resolved_at=now,
        )
    return made


@pytest.fixture
def staff_client(client, reports):
    client.force_login(officer_of(UnitFactory()))
    return client


def test_the_page_shows_the_counts_and_the_median(staff_client):
    response = staff_client.get(reverse("reports:statistics"))
    assert response.status_code == 200
    page = response.text
    count = '\n        <td data-label="Брой">'
    assert f'<th scope="row">Дупки</th>{count}3</td>' in page
    assert f'<th scope="row">Отдел „Паркове“</th>{count}1</td>' in page
    assert f'<th scope="row">решен</th>{count}2</td>' in page
    assert f'<th scope="row">12.2026</th>{count}4</td>' in page
    assert "3,0 дни" in page or "3.0 дни" in page
    assert '<meter class="bar" min="0" max="100" value="100">' in page


def test_the_csv_has_the_same_tables(staff_client):
    response = staff_client.get(reverse("reports:statistics_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = [row[:4] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))]
    assert rows[0][0] == "Таблица"
    assert ["По категория", "Дупки", "3", "3.0"] in rows
    assert ["По категория", "Дървета", "1", ""] in rows
    assert ["По звено", "Отдел „Пътища“", "3", ""] in rows
    assert ["По състояние", "нов", "2", ""] in rows
    assert ["По месец", "12.2026", "4", ""] in rows
    assert rows[-1][-1] == "3.0"


def test_a_month_without_reports_shows_zero(staff_client):
    page = staff_client.get(reverse("reports:statistics")).text
    assert page.count('<td data-label="Брой">0</td>') >= 11  # the eleven earlier months


def test_names_that_are_spreadsheet_formulas_stay_text_in_the_csv(staff_client):
    category = CategoryFactory(name="-2+3+cmd|' /C calc'!A0")
    report_in(category.unit, category=category)
    response = staff_client.get(reverse("reports:statistics_csv"))
    rows = [row[:4] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))]
    assert ["По категория", "'-2+3+cmd|' /C calc'!A0", "1", ""] in rows
    assert ["По категория", "Дупки", "3", "3.0"] in rows
