"""A citizen on a phone reports a problem with a photo; an officer answers;
the citizen reads the answer by number."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from PIL import Image

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.organization.services import unit_member_add
from obshtina.reports.models import Report

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"С-\d{4}-\d{6}")
ACCESS_LINK = re.compile(r"https?://[^\s\"<>]+/reports/access/[^\s\"<>/]+/")


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (120, 140, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def demo_data(settings):
    settings.SITE_URL = ""  # links in e-mails point at the live server below
    call_command("load_demo_data", verbosity=0)


def test_citizen_reports_on_a_phone_and_reads_the_officers_answer(
    browser, live_server, phone_page, assert_accessible, settings
):
    settings.SITE_URL = live_server.url
    page = phone_page
    page.goto("/reports/new/")
    assert_accessible(page)
    page.get_by_label("Категория").select_option(index=1)
    page.locator("#report-map").click(position={"x": 120, "y": 120})
    page.get_by_label("Описание на проблема").fill("Голяма дупка на ул. „Искър“ пред № 12")
    page.get_by_label("Снимки").set_input_files(
        files=[{"name": "dupka.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.get_by_label("Имейл").fill("ivan@example.bg")
    page.get_by_role("button", name="Изпрати сигнала").click()
    page.wait_for_url("**/reports/submitted/**")
    number = NUMBER.search(page.locator("main").inner_text()).group(0)
    assert_accessible(page)

    report = Report.objects.get(number=number)
    assert report.photos.count() == 1
    links = [link for message in mail.outbox for link in ACCESS_LINK.findall(message.body)]
    assert links, "no tracking link was e-mailed"
    page.goto(links[-1])
    assert number in page.locator("h1").inner_text()

    officer = UserFactory(email="officer.roads@samokov.bg", second_factor=True)
    unit_member_add(user=officer, unit=report.unit)
    desk = browser.new_context(base_url=live_server.url).new_page()
    log_in(desk, email=officer.email, password=PASSWORD)
    desk.goto(f"/reports/staff/{number}/")
    assert_accessible(desk)
    desk.get_by_label("Публичен отговор").fill("Дупката ще бъде запълнена до петък.")
    desk.locator("#action-answer").get_by_role("button", name="Публикувай").click()
    desk.wait_for_load_state()
    desk.context.close()

    page.goto("/")
    page.get_by_label("Номер на сигнал или въпрос").fill(number.lower().replace("с", "c"))
    page.get_by_role("button", name="Търсене").click()
    page.wait_for_url(re.compile(r"/reports/r/"))
    assert number in page.locator("h1").inner_text()
    assert page.get_by_text("Дупката ще бъде запълнена до петък.").first.is_visible()
    assert "ivan@example.bg" not in page.content()
    assert_accessible(page)


def test_citizen_finds_a_street_by_typing_and_picks_it_with_the_keyboard(
    phone_page, assert_accessible
):
    page = phone_page
    page.goto("/reports/new/")
    page.get_by_label("Категория").select_option(index=1)
    address = page.get_by_role("combobox", name="Адрес или ориентир")
    address.press_sequentially("търг")
    option = page.get_by_role("option", name="ул. „Търговска“, гр. Самоков")
    option.wait_for()
    assert address.get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    address.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert address.get_attribute("aria-activedescendant") == option.get_attribute("id")
    address.press("Enter")

    assert address.input_value() == "ул. „Търговска“, гр. Самоков"
    assert page.get_by_role("listbox").is_hidden()
    assert page.locator(".leaflet-marker-icon").is_visible()
    assert page.get_by_label("Географска ширина").input_value() == "42.3376"
    assert page.get_by_label("Географска дължина").input_value() == "23.5558"
    page.get_by_label("Описание на проблема").fill("Счупена пейка пред магазина")
    page.get_by_role("button", name="Изпрати сигнала").click()
    page.wait_for_url("**/reports/submitted/**")
    assert_accessible(page)

    report = Report.objects.get(number=NUMBER.search(page.locator("main").inner_text()).group(0))
    assert (float(report.latitude), float(report.longitude)) == (42.3376, 23.5558)
    assert report.address == "ул. „Търговска“, гр. Самоков"
