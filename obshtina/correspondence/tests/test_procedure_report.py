"""The yearly access-to-information report: requests by requester type, decisions by
type, refusals by ground, days to decide and decisions in time; a page and a CSV."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import deadlines, procedure
from obshtina.organization.services import staff_role_grant

from .factories import UserFactory
from .procedure_helpers import (
    GRANT_TERMS,
    access_officer,
    file_access_request,
    officer_of,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["unit"]  # fixtures
SOFIA = ZoneInfo("Europe/Sofia")


def request_on(day: date, unit, sender_type="citizen") -> Correspondence:
    item = file_access_request(addressee=unit, sender_type=sender_type)
    Correspondence.objects.filter(pk=item.pk).update(
        registered_at=datetime(day.year, day.month, day.day, 10, tzinfo=SOFIA),
        due_at=deadlines.add_days(day, 14),
    )
    item.refresh_from_db()
    return item


def decided_on(document, day: date):
    type(document).objects.filter(pk=document.pk).update(
        created_at=datetime(day.year, day.month, day.day, 12, tzinfo=SOFIA)
    )


@pytest.fixture
def year_2026(unit):
    officer = officer_of(unit)
    # Granted after 8 days, in time (due 16 March).
    granted = request_on(date(2026, 3, 2), unit)
    document = procedure.access_decide(
        item=granted, actor=officer, outcome="grant", text="Достъп.", **GRANT_TERMS
    )
    decided_on(document, date(2026, 3, 10))
    # Refused after 18 days: late.
    refused = request_on(date(2026, 3, 2), unit, "company")
    document = procedure.access_decide(
        item=refused, actor=officer, outcome="refuse", text="Тайна.", refusal_ground="classified"
    )
    decided_on(document, date(2026, 3, 20))
    # Partial on the last day of the term (14 days).
    partial = request_on(date(2026, 4, 1), unit)
    document = procedure.access_decide(
        item=partial,
        actor=officer,
        outcome="partial",
        text="Без личните данни.",
        refusal_ground="personal_data",
        **GRANT_TERMS,
    )
    decided_on(document, date(2026, 4, 15))
    # Forwarded after 2 days.
    forwarded = request_on(date(2026, 5, 4), unit, "ngo")
    document = procedure.access_forward(
        item=forwarded, actor=officer, body_name="МРРБ", text="Препращаме."
    )
    decided_on(document, date(2026, 5, 6))
    request_on(date(2026, 6, 1), unit, "journalist")  # still open
    request_on(date(2025, 12, 30), unit)  # another year


@pytest.fixture
def staff_client(client, year_2026):
    client.force_login(access_officer())
    return client


def report(client, **query):
    return client.get(reverse("correspondence:yearly_report"), {"year": 2026, **query})


def row(label, count) -> str:
    return f'<tr><th scope="row">{label}</th><td>{count}</td></tr>'


def test_the_page_counts_requests_by_requester_type(staff_client):
    page = report(staff_client).text
    assert row("гражданин", 2) in page
    assert row("търговско дружество", 1) in page
    assert row("неправителствена организация", 1) in page
    assert row("журналист / медия", 1) in page


def test_the_page_counts_decisions_by_type_and_refusals_by_ground(staff_client):
    page = report(staff_client).text
    assert row("пълен достъп", 1) in page
    assert row("частичен достъп", 1) in page
    assert row("отказ", 1) in page
    assert row("препратени по компетентност", 1) in page
    assert row("информацията не е налична", 0) in page
    assert row("класифицирана информация (чл. 37, ал. 1, т. 1)", 1) in page
    assert row("лични данни (чл. 2, ал. 5)", 1) in page


def test_the_page_shows_the_times_to_decide(staff_client):
    stats = report(staff_client).context["stats"]
    # 8, 18, 14 and 2 days; the late one is the refusal.
    assert (stats["requests"], stats["decided"], stats["in_time"]) == (5, 4, 3)
    assert stats["median_days"] == 11
    assert stats["average_days"] == 10.5


def test_another_year_has_its_own_figures(staff_client):
    stats = report(staff_client, year=2025).context["stats"]
    assert (stats["requests"], stats["decided"]) == (1, 0)
    assert stats["median_days"] is None


def test_a_bad_year_falls_back_to_the_current_one(staff_client):
    response = report(staff_client, year="abc")
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_the_csv_has_the_same_figures(staff_client):
    response = staff_client.get(reverse("correspondence:yearly_report_csv"), {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "zdoi-2026.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Таблица", "Стойност", "Брой"]
    assert ["Заявления по вид на заявителя", "гражданин", "2"] in rows
    assert ["Решения и уведомления по вид", "отказ", "1"] in rows
    assert ["Срокове", "От тях в срок", "3"] in rows
    assert ["Срокове", "Средно до решение (дни)", "10.5"] in rows


@pytest.mark.parametrize("role", ["access_officer", "registry_clerk", "administrator"])
def test_the_report_is_for_the_access_officers_the_registry_and_admins(client, role):
    user = UserFactory(second_factor=True)
    staff_role_grant(user=user, role=role)
    client.force_login(user)
    assert report(client).status_code == 200


def test_an_officer_of_a_unit_may_not_see_the_report(client, unit):
    client.force_login(officer_of(unit))
    assert report(client).status_code == 403
    csv_url = reverse("correspondence:yearly_report_csv")
    assert client.get(csv_url).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = report(client)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_no_cell_of_the_csv_can_start_a_spreadsheet_formula(staff_client, unit):
    item = request_on(date(2026, 7, 1), unit)
    Correspondence.objects.filter(pk=item.pk).update(
        subject='=HYPERLINK("http://evil.example/")', sender_name="@SUM(1+1)"
    )
    response = staff_client.get(reverse("correspondence:yearly_report_csv"), {"year": 2026})
    cells = [
        cell
        for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        for cell in row
    ]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
