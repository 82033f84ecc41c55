"""An anonymous visitor on a phone asks for e-mail alerts for a village, confirms the
address from the e-mail, and is told of the next report filed there."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from obshtina.organization.models import Settlement
from obshtina.reports.models import Category
from obshtina.reports.services.submission import report_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/reports/alerts/confirm/[^\s\"<>/]+/")


@pytest.fixture(autouse=True)
def demo_data():
    call_command("load_demo_data", verbosity=0)


def test_a_visitor_asks_for_alerts_for_a_village_confirms_and_hears_of_a_report(
    live_server, phone_page, assert_accessible, settings
):
    settings.SITE_URL = live_server.url
    page = phone_page
    page.goto("/reports/map/")
    page.get_by_role("link", name="Известия по имейл за вашия район").click()
    assert_accessible(page)
    page.get_by_label("Имейл").fill("sosedka@example.bg")
    page.get_by_label("Населено място").select_option(label="с. Говедарци")
    page.get_by_role("button", name="Поискай известия").click()
    assert "Изпратихме писмо на sosedka@example.bg" in page.locator("#alert-done").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    (confirmation,) = [message for message in mail.outbox if "Потвърдете" in message.subject]
    page.goto(CONFIRM_LINK.search(confirmation.body).group(0))
    page.get_by_role("button", name="Потвърждавам").click()
    assert "са включени" in page.locator("main").inner_text()
    assert_accessible(page)

    village = Settlement.objects.get(name="Говедарци")
    report = report_submit(
        category=Category.objects.filter(is_active=True).first(),
        description="Паднал клон на пътя за хижа Мальовица",
        latitude=float(village.latitude),
        longitude=float(village.longitude),
        settlement=village,
    )
    (alert,) = [message for message in mail.outbox if report.number in message.subject]
    assert alert.to == ["sosedka@example.bg"]
    assert "Паднал клон" in alert.body
    assert "/reports/alerts/stop/" in alert.extra_headers["List-Unsubscribe"]
