"""The installable app on a phone: manifest and service worker, a report filled in with no
connection that is sent once the network is back, and the device's own list."""

import re
import time

import pytest
from django.core.management import call_command

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.notifications.tests.push_helpers import vapid_keys
from obshtina.reports.models import Report

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"С-\d{4}-\d{6}")
DESCRIPTION = "Паднало дърво на пътя за Бели Искър, без връзка"


@pytest.fixture(autouse=True)
def demo_data():
    call_command("load_demo_data", verbosity=0)


def controlled_by_service_worker(page) -> None:
    """Wait until the service worker is active (shell precached) and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("Boolean(navigator.serviceWorker.controller)"):
        page.reload()
    page.wait_for_function("Boolean(navigator.serviceWorker.controller)")


def send_a_report(page, description: str) -> None:
    page.get_by_label("Категория").select_option(index=1)
    page.get_by_label("Населено място").select_option(index=1)
    page.get_by_label("Описание на проблема").fill(description)
    page.get_by_role("button", name="Изпрати сигнала").click()


def test_the_site_is_installable_with_a_bulgarian_manifest_and_a_service_worker(phone_page):
    page = phone_page
    page.goto("/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.evaluate("url => fetch(url).then(response => response.json())", href)
    assert manifest["lang"] == "bg"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/?source=pwa"
    assert manifest["name"].startswith("Община Самоков")
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    assert [shortcut["name"] for shortcut in manifest["shortcuts"]] == ["Подай сигнал", "Проследи"]

    controlled_by_service_worker(page)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == page.url.split("?")[0].rstrip("/") + "/"


def test_pages_on_the_device_open_without_a_connection(phone_page, assert_accessible):
    page = phone_page
    page.goto("/")
    controlled_by_service_worker(page)
    page.context.set_offline(True)

    page.goto("/my-device/")
    assert page.get_by_role("heading", name="Моите сигнали на това устройство").is_visible()
    assert_accessible(page)
    page.goto("/info/")
    assert page.get_by_role("heading", name="Няма връзка с интернет").is_visible()
    assert_accessible(page)
    page.context.set_offline(False)


def test_a_report_filled_in_offline_is_sent_when_the_connection_returns(
    phone_page, assert_accessible
):
    page = phone_page
    page.goto("/reports/new/")
    controlled_by_service_worker(page)
    page.context.set_offline(True)

    send_a_report(page, DESCRIPTION)

    saved = page.get_by_role(
        "heading",
        name="Сигналът е запазен на устройството и ще бъде изпратен, когато има връзка",
    )
    saved.wait_for()
    assert_accessible(page)
    assert not Report.objects.filter(description=DESCRIPTION).exists()

    page.context.set_offline(False)
    page.get_by_text(re.compile("Сигналът, запазен на устройството, е изпратен")).wait_for()
    report = Report.objects.get(description=DESCRIPTION)
    assert report.number in page.locator(".device-notices").inner_text()

    page.goto("/my-device/")
    page.get_by_role("link", name=report.number).wait_for()
    assert page.get_by_role("link", name="Лична връзка (не я споделяйте)").is_visible()


def test_what_is_typed_comes_back_when_the_form_is_opened_again(phone_page):
    page = phone_page
    page.goto("/reports/new/")
    page.get_by_label("Описание на проблема").fill("Изгоряла лампа пред блок 7")
    page.wait_for_timeout(800)  # the draft is saved shortly after typing stops

    page.goto("/reports/new/")
    description = page.get_by_label("Описание на проблема")
    page.get_by_text("Възстановихме неизпратения ви сигнал").wait_for()
    assert description.input_value() == "Изгоряла лампа пред блок 7"


def test_a_report_sent_online_is_remembered_on_the_device(phone_page):
    page = phone_page
    page.goto("/reports/new/")
    send_a_report(page, "Счупена пейка в парка")
    page.wait_for_url("**/reports/submitted/**")
    number = NUMBER.search(page.locator(".receipt-number").inner_text()).group(0)
    page.get_by_text("Номерът и личната връзка са запазени на това устройство").wait_for()

    page.goto("/my-device/")
    page.get_by_role("link", name=number).wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Забравете ги на това устройство").click()
    page.get_by_text("Списъкът на това устройство е изчистен.").wait_for()
    assert page.get_by_role("link", name=number).count() == 0
    assert page.get_by_text("На това устройство още няма запазени сигнали").is_visible()
    assert not page.get_by_role("button", name="Забравете ги на това устройство").is_visible()


def test_a_report_whose_sending_fails_is_kept_on_the_device(phone_page):
    page = phone_page
    page.goto("/reports/new/")
    controlled_by_service_worker(page)
    # The browser believes it is online, but the POST never reaches the server. The
    # route asks a flag rather than being removed later: the service worker's own
    # requests (Background Sync) may still pass a handler after an unroute.
    network = {"down": True}
    page.context.route(
        "**/reports/new/",
        lambda route: (
            route.abort()
            if network["down"] and route.request.method == "POST"
            else route.fallback()
        ),
    )
    send_a_report(page, DESCRIPTION)

    page.get_by_role(
        "heading",
        name="Сигналът е запазен на устройството и ще бъде изпратен, когато има връзка",
    ).wait_for()
    assert not Report.objects.filter(description=DESCRIPTION).exists()

    network["down"] = False
    page.goto("/")
    # The page sends it on load, unless the service worker's Background Sync got there
    # first (it then shows a system notification): either way it arrives once and the
    # device's list has its number.
    report = wait_for_report(DESCRIPTION, page=page)
    page.goto("/my-device/")
    page.get_by_role("link", name=report.number).wait_for()
    assert Report.objects.filter(description=DESCRIPTION).count() == 1


def test_a_report_whose_answer_was_lost_is_sent_again_and_filed_once(phone_page):
    page = phone_page
    page.goto("/reports/new/")
    controlled_by_service_worker(page)
    # The report reaches the server, but its answer never reaches the phone.
    lost_answers = []

    def deliver_and_lose_the_answer(route):
        if route.request.method != "POST" or lost_answers:
            return route.fallback()
        lost_answers.append(route.fetch(max_redirects=0))
        return route.abort()

    page.context.route("**/reports/new/", deliver_and_lose_the_answer)
    send_a_report(page, DESCRIPTION)

    page.get_by_role(
        "heading",
        name="Сигналът е запазен на устройството и ще бъде изпратен, когато има връзка",
    ).wait_for()
    assert Report.objects.filter(description=DESCRIPTION).count() == 1
    assert lost_answers[0].status == 302

    page.context.unroute("**/reports/new/")
    page.goto("/")
    report = Report.objects.get(description=DESCRIPTION)
    wait_for_empty_outbox(page)
    page.goto("/my-device/")
    page.get_by_role("link", name=report.number).wait_for()
    assert Report.objects.filter(description=DESCRIPTION).count() == 1


def wait_for_empty_outbox(page, *, seconds: float = 60) -> None:
    """Until nothing waits on the device (sent by the page or by Background Sync); open
    the home page again now and then, as a citizen would."""
    deadline = time.monotonic() + seconds
    next_visit = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not page.evaluate("DeviceStore.outboxAll().then(entries => entries.length)"):
            return
        if time.monotonic() > next_visit:
            page.goto("/")
            next_visit = time.monotonic() + 10
        page.wait_for_timeout(200)
    raise AssertionError("the report saved on the device was never sent")


def wait_for_report(description: str, *, page, seconds: float = 60) -> Report:
    """Poll for the report; open the home page again now and then, as a citizen would
    (each page load tries to send what waits on the device)."""
    deadline = time.monotonic() + seconds
    next_visit = time.monotonic() + 10
    while time.monotonic() < deadline:
        report = Report.objects.filter(description=description).first()
        if report is not None:
            return report
        if time.monotonic() > next_visit:
            page.goto("/")
            next_visit = time.monotonic() + 10
        time.sleep(0.2)
    raise AssertionError("the report saved on the device never reached the server")


def test_browser_notifications_page_is_accessible_on_a_phone(
    phone_page, assert_accessible, settings
):
    keys = vapid_keys()
    settings.VAPID_PUBLIC_KEY = keys["VAPID_PUBLIC_KEY"]
    settings.VAPID_PRIVATE_KEY = keys["VAPID_PRIVATE_KEY"]
    user = UserFactory()
    page = phone_page
    log_in(page, email=user.email, password=PASSWORD)

    page.goto("/profile/")
    page.get_by_role("link", name="Известия в браузъра").click()
    page.wait_for_url("**/notifications/push/")
    page.locator("#push-state").filter(has_text=re.compile(r"\S")).wait_for()
    assert_accessible(page)
