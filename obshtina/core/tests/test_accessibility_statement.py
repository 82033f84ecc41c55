"""The accessibility statement ("Декларация за достъпност"): the public page in the EU's
model, kept in the admin, and the editors' warning when its yearly review is due."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.accessibility import (
    DEFAULT_ENFORCEMENT,
    is_review_overdue,
    review_due_on,
)
from obshtina.core.models import AccessibilityStatement
from obshtina.organization.models import Municipality, Role
from obshtina.organization.selectors import current_municipality
from obshtina.organization.tests.factories import kostenets_found, staff

pytestmark = pytest.mark.django_db
SOFIA = ZoneInfo("Europe/Sofia")
WARNING = "Декларацията не е преглеждана повече от година."


def statement(**fields) -> AccessibilityStatement:
    values = {
        "municipality": current_municipality(),
        "compliance": AccessibilityStatement.Compliance.PARTIAL,
        "non_compliance": "Картата не се чете с екранен четец.\n- Сканирани PDF файлове",
        "out_of_scope": "Файлове, качени от граждани",
        "prepared_on": date(2026, 1, 15),
        "reviewed_on": date(2026, 1, 15),
        "feedback_email": "dostapnost@samokov.bg",
        "feedback_phone": "0700 20 117",
        "reply_days": 14,
        "enforcement": str(DEFAULT_ENFORCEMENT),
        "enforcement_url": "https://egov.government.bg/",
    }
    return AccessibilityStatement.objects.create(**(values | fields))


def page(client) -> str:
    return client.get(reverse("core:accessibility")).text


def at(day: str):
    return time_machine.travel(datetime.fromisoformat(day).replace(tzinfo=SOFIA), tick=False)


def test_the_page_follows_the_eu_model(client):
    statement()
    text = page(client)
    assert "частично съответствие с хармонизирания стандарт EN 301 549" in text
    assert "WCAG 2.1, ниво AA" in text
    assert "<li>Картата не се чете с екранен четец.</li>" in text
    assert "<li>Сканирани PDF файлове</li>" in text
    assert "Съдържание извън обхвата на изискванията" in text
    assert "Декларацията е изготвена на 15.01.2026" in text
    assert "Последен преглед на декларацията: 15.01.2026" in text
    assert 'href="mailto:dostapnost@samokov.bg"' in text
    assert "Ще ви отговорим в срок до 14 дни." in text
    assert "Министерството на електронното управление" in text
    assert "чл. 58в от Закона за електронното управление" in text


def test_a_fully_compliant_site_says_so_and_lists_nothing(client):
    statement(compliance="full", non_compliance="", out_of_scope="")
    text = page(client)
    assert "в пълно съответствие" in text
    assert "Недостъпно съдържание" not in text


def test_without_a_statement_the_page_keeps_its_short_text(client):
    assert "WCAG 2.1, ниво AA" in page(client)
    assert "Процедура по прилагане" not in page(client)


def test_the_footer_links_the_statement(client):
    assert reverse("core:accessibility") in client.get(reverse("core:home")).text


def test_another_municipalitys_statement_stays_on_its_own_site(client):
    kostenets = kostenets_found()
    statement(municipality=kostenets, feedback_email="dostap@kostenets.bg")
    assert "dostap@kostenets.bg" not in page(client)
    there = client.get(reverse("core:accessibility"), HTTP_HOST="kostenets.localhost").text
    assert "dostap@kostenets.bg" in there


@pytest.mark.parametrize(
    ("reviewed", "due"),
    [
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 12, 31), date(2026, 12, 31)),
        (date(2026, 1, 1), date(2027, 1, 1)),
        (date(2027, 2, 28), date(2028, 2, 28)),
    ],
)
def test_the_review_is_due_a_year_later(reviewed, due):
    assert review_due_on(reviewed) == due


@pytest.mark.parametrize(
    ("reviewed", "today", "overdue"),
    [
        (date(2024, 2, 29), date(2025, 2, 28), False),
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2025, 12, 31), date(2026, 12, 31), False),
        (date(2025, 12, 31), date(2027, 1, 1), True),
    ],
)
def test_a_review_is_overdue_from_the_day_after_its_anniversary(reviewed, today, overdue):
    assert (
        is_review_overdue(statement(reviewed_on=reviewed, prepared_on=reviewed), today) is overdue
    )


def test_an_editor_is_warned_when_the_review_is_over_a_year_old(client):
    statement(reviewed_on=date(2025, 12, 31), prepared_on=date(2025, 12, 31))
    with at("2027-01-01 00:30"):
        client.force_login(staff(Role.EDITOR))
        assert WARNING in page(client)


def test_on_the_anniversary_late_in_the_evening_there_is_no_warning_yet(client):
    statement(reviewed_on=date(2025, 12, 31), prepared_on=date(2025, 12, 31))
    with at("2026-12-31 23:30"):
        client.force_login(staff(Role.EDITOR))
        assert WARNING not in page(client)


def test_citizens_and_staff_without_the_right_never_see_the_warning(client):
    statement(reviewed_on=date(2024, 2, 29), prepared_on=date(2024, 2, 29))
    with at("2026-06-01 10:00"):
        assert WARNING not in page(client)
        client.force_login(UserFactory())
        assert WARNING not in page(client)
        client.force_login(staff(Role.OPERATOR))
        assert WARNING not in page(client)


def test_an_administrator_keeps_the_statement_in_the_admin(client):
    client.force_login(staff(Role.ADMINISTRATOR))
    add = reverse("admin:core_accessibilitystatement_add")
    form = client.get(add)
    assert form.status_code == 200
    assert "Министерството на електронното управление" in form.text
    response = client.post(
        add,
        {
            "compliance": "partial",
            "non_compliance": "Картата",
            "disproportionate_burden": "",
            "out_of_scope": "",
            "alternatives": "",
            "prepared_on": "2026-12-01",
            "method": "self",
            "method_details": "axe",
            "reviewed_on": "2026-12-01",
            "feedback_email": "obshtina@samokov.bg",
            "feedback_phone": "",
            "reply_days": "14",
            "enforcement": "МЕУ",
            "enforcement_url": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert AccessibilityStatement.objects.get().municipality == current_municipality()
    assert client.get(add).status_code == 403  # one per municipality


def test_a_review_before_the_preparation_is_refused_in_the_admin(client):
    client.force_login(staff(Role.ADMINISTRATOR))
    existing = statement()
    response = client.post(
        reverse("admin:core_accessibilitystatement_change", args=[existing.pk]),
        {
            "compliance": "partial",
            "prepared_on": "2026-12-01",
            "method": "self",
            "reviewed_on": "2026-11-01",
            "feedback_email": "obshtina@samokov.bg",
            "reply_days": "14",
            "enforcement": "МЕУ",
        },
    )
    assert response.status_code == 200
    assert "Прегледът не може да е преди изготвянето." in response.text


def test_the_demo_data_hold_a_partially_compliant_statement_for_samokov(settings):
    settings.DEMO = False
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    samokov = Municipality.objects.get(slug="samokov")
    loaded = AccessibilityStatement.objects.get(municipality=samokov)
    assert loaded.compliance == "partial"
    assert any("Картата" in line for line in loaded.non_compliance_lines)
    assert any("качени от граждани" in line for line in loaded.out_of_scope_lines)


def test_an_editor_changes_the_statement_in_the_admin_and_an_operator_cannot(client):
    existing = statement()
    change = reverse("admin:core_accessibilitystatement_change", args=[existing.pk])
    client.force_login(staff(Role.OPERATOR))
    assert client.get(change).status_code in (302, 403)
    client.force_login(staff(Role.EDITOR))
    response = client.post(
        change,
        {
            "compliance": "partial",
            "prepared_on": "2026-01-15",
            "method": "self",
            "reviewed_on": "2026-12-01",
            "feedback_email": "obshtina@samokov.bg",
            "reply_days": "10",
            "enforcement": "МЕУ",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    existing.refresh_from_db()
    assert existing.reviewed_on == date(2026, 12, 1)
    assert existing.reply_days == 10
