"""The strict Content-Security-Policy holds on the main pages of every area.

Every browser test fails on a violation (conftest's `csp_watch`); this module walks
through each area on purpose, and shows that the watch itself notices a violation.
"""

import pytest
from django.core.management import call_command

from obshtina.notifications.tests.push_helpers import vapid_keys
from obshtina.organization.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from obshtina.reports.models import Category, Report

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "admin@demo.samokov.bg"


@pytest.fixture(autouse=True)
def demo_data(settings):
    keys = vapid_keys()  # the push page loads its script only with web push on
    settings.VAPID_PUBLIC_KEY = keys["VAPID_PUBLIC_KEY"]
    settings.VAPID_PRIVATE_KEY = keys["VAPID_PRIVATE_KEY"]
    call_command("load_demo_data", verbosity=0)


def visit(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")  # the map's data, Swagger's schema, the tiles


def no_violations_so_far(csp_watch):
    assert csp_watch.violations == [], "\n".join(csp_watch.violations)


def test_the_public_pages_keep_to_the_policy(page, csp_watch):
    visit(page, "/")
    visit(page, "/reports/new/")
    page.get_by_label("Категория").select_option(index=1)
    page.locator("#report-map").click(position={"x": 150, "y": 120})  # pin, nearby reports
    page.wait_for_load_state("networkidle")
    visit(page, "/reports/map/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    visit(page, "/track/")
    number = Report.objects.order_by("pk").values_list("number", flat=True).first()
    page.get_by_label("Номер на сигнал или въпрос").fill(number)
    page.get_by_role("button", name="Търсене").click()
    page.wait_for_url("**/reports/r/*/")
    page.locator("#report-map .leaflet-marker-icon").wait_for()
    for path in ["/info/", "/info/services/", "/info/faq/", "/info/ask/", "/reception/"]:
        visit(page, path)
    page.locator("main a[href^='/reception/s/']").first.click()
    page.wait_for_load_state("networkidle")
    for path in ["/my-device/", "/offline/", "/accounts/login/", "/accounts/signup/"]:
        visit(page, path)
    visit(page, "/api/v1/docs")
    page.locator(".swagger-ui .opblock-summary").first.click()  # opens an operation
    page.locator(".swagger-ui .opblock-body").first.wait_for()
    visit(page, "/admin/login/")
    no_violations_so_far(csp_watch)


def test_the_signed_in_and_staff_pages_keep_to_the_policy(page, csp_watch):
    [admin] = [account for account in DEMO_ACCOUNTS if account.email == ADMIN]
    log_in(page, email=ADMIN, password=DEMO_PASSWORD, totp_secret=admin.totp_secret)
    page.wait_for_url("**/staff/")  # officials land on "Моята работа"
    number = Report.objects.order_by("pk").values_list("number", flat=True).first()
    for path in [
        "/staff/",
        "/staff/templates/",
        "/staff/templates/new/",
        "/profile/",
        "/notifications/push/",
        "/staff/?kind=report",
        f"/reports/staff/{number}/",
        "/reports/staff-statistics/",
        "/staff/?kind=question",
        "/info/staff/editor/",
        "/documents/new/",
        "/staff/?kind=documents",
        "/reception/staff/",
        "/reception/staff/schedules/",
        "/registry/",
        "/staff/notifications/",
        "/info/console/",
    ]:
        visit(page, path)
    page.get_by_label("Какво пита обаждащият се?").fill("адресна регистрация")
    page.get_by_role("button", name="Търси", exact=True).click()  # answered in place
    page.locator("#console-answers").wait_for()
    page.wait_for_load_state("networkidle")
    visit(page, "/admin/")
    visit(page, "/admin/reports/category/")
    visit(page, f"/admin/reports/category/{Category.objects.first().pk}/change/")
    no_violations_so_far(csp_watch)


@pytest.mark.parametrize(
    ("directive", "breach"),
    [
        (
            "script-src-elem",
            "const s = document.createElement('script');"
            "s.textContent = 'window.inlineRan = true'; document.body.append(s);",
        ),
        (
            "style-src-attr",
            "const d = document.createElement('div');"
            "d.setAttribute('style', 'color: red'); document.body.append(d);",
        ),
        (
            "script-src-attr",
            "const b = document.createElement('button');"
            "b.setAttribute('onclick', 'window.inlineRan = true');"
            "document.body.append(b); b.click();",
        ),
        (
            "img-src",
            "const i = document.createElement('img');"
            "i.src = 'https://elsewhere.example/pixel.png'; document.body.append(i);",
        ),
    ],
)
def test_the_watch_reports_what_the_policy_blocks(page, csp_watch, directive, breach):
    visit(page, "/")
    page.evaluate(f"() => {{ {breach} }}")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.inlineRan") is None  # blocked, not run
    page.evaluate("() => 0")  # a round trip: the reports reach the test
    assert any(directive in violation for violation in csp_watch.violations), csp_watch.violations
    assert any("console" in violation for violation in csp_watch.violations), csp_watch.violations
    csp_watch.violations.clear()  # seen here; the check at teardown looks for others
