"""A report's term as the law counts it: two months by default (АПК, чл. 118), to the
same date and then the next working day; a category may set a term in days instead.
Expected dates are read off the Bulgarian calendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from obshtina.reports.models import Report
from obshtina.reports.services.following import report_reopen

from .factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")


def due_day(report: Report) -> date:
    return report.due_at.astimezone(SOFIA).date()


@pytest.mark.parametrize(
    ("registered", "due"),
    [
        (datetime(2026, 10, 30, 10, 0), date(2026, 12, 30)),
        # 23:30 on New Year's Eve is still 31 December in Sofia (21:30 UTC); no 28 February
        # working day in 2027, so Monday 1 March.
        (datetime(2026, 12, 31, 23, 30), date(2027, 3, 1)),
        # Christmas, and the 26th (a Saturday) observed on Monday 28: Tuesday 29 December.
        (datetime(2026, 10, 24, 0, 15), date(2026, 12, 29)),
    ],
)
def test_a_report_is_due_two_months_after_its_day(registered, due):
    with time_machine.travel(registered.replace(tzinfo=SOFIA), tick=False):
        report = submit_report()
    assert due_day(report) == due


def test_the_citizen_is_told_the_last_day(client):
    with time_machine.travel(datetime(2026, 10, 30, 10, 0, tzinfo=SOFIA), tick=False):
        report = submit_report()
        response = client.get(reverse("reports:submitted", args=[report.access_token]))
    assert "Срокът за решаване е до 30.12.2026." in response.text


def test_a_category_may_set_a_term_in_days_counted_the_same_way():
    street_lights = CategoryFactory(resolve_days=7)
    with time_machine.travel(datetime(2026, 12, 18, 9, 0, tzinfo=SOFIA), tick=False):
        report = submit_report(category=street_lights)
    # Friday 25 December is Christmas and the 26th is observed on Monday 28.
    assert due_day(report) == date(2026, 12, 29)


def test_the_report_is_overdue_only_after_its_last_day():
    with time_machine.travel(datetime(2026, 10, 30, 10, 0, tzinfo=SOFIA), tick=False):
        report = submit_report()
    with time_machine.travel(datetime(2026, 12, 30, 23, 50, tzinfo=SOFIA), tick=False):
        assert not report.is_overdue
    with time_machine.travel(datetime(2026, 12, 31, 0, 5, tzinfo=SOFIA), tick=False):
        assert report.is_overdue


def test_reopening_gives_two_months_again_from_the_day_of_reopening():
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=SOFIA), tick=False):
        report = submit_report(submitter_email="maria@example.bg")
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RESOLVED,
        resolved_at=datetime(2026, 10, 20, 12, 0, tzinfo=SOFIA),
    )
    with time_machine.travel(datetime(2026, 11, 2, 8, 0, tzinfo=SOFIA), tick=False):
        report_reopen(report=Report.objects.get(pk=report.pk), comment="Пак е там.")
    report.refresh_from_db()
    assert due_day(report) == date(2027, 1, 4)  # 2 January is a Saturday
