"""An operator takes a call: finds the answer, registers a report for the caller,
reads the number aloud; the caller then tracks the report by number."""

import re

import pytest
from django.core.management import call_command

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory
from obshtina.infodesk.models import Service
from obshtina.infodesk.selectors.search import search_text_for
from obshtina.reports.models import Report

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"С-\d{4}-\d{6}")


@pytest.fixture(autouse=True)
def demo_data(settings):
    settings.SITE_URL = ""
    call_command("load_demo_data", verbosity=0)
    if not Service.objects.filter(name__icontains="адресна регистрация").exists():
        service = Service(
            name="Адресна регистрация по постоянен и настоящ адрес",
            slug="konzola-adresna-registracia",
            purpose="Заявяване или промяна на постоянен или настоящ адрес.",
            required_documents="Лична карта и заявление по образец.",
            fees="Без такса.",
            deadline="В деня на подаването.",
        )
        service.search_text = search_text_for(service.name, service.purpose)
        service.save()


def test_an_operator_registers_a_report_for_a_caller_who_tracks_it(page, assert_accessible):
    operator = StaffUserFactory(role="operator")
    log_in(page, email=operator.email, password=PASSWORD)
    page.goto("/info/console/")
    assert_accessible(page)

    search = page.get_by_label("Какво пита обаждащият се?")
    search.focus()
    page.keyboard.type("адресни регистрации")
    page.keyboard.press("Enter")
    answers = page.locator("#console-answers")
    answers.get_by_text(re.compile("Адресна регистрация")).first.wait_for()
    assert "Без такса." in answers.inner_text() or "Необходими документи" in answers.inner_text()
    assert page.evaluate("document.activeElement.id") == "console-answers"

    page.get_by_label("Категория").focus()
    page.keyboard.press("ArrowDown")  # the first category
    page.keyboard.press("Tab")
    page.keyboard.type("Паднало дърво пречи на движението на ул. „Търговска“")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first settlement
    page.locator("#console-report").get_by_label(re.compile("^Имейл")).focus()
    page.keyboard.type("caller@example.bg")
    page.keyboard.press("Enter")

    receipt = page.locator("#console-report .console-number")
    receipt.wait_for()
    number = receipt.inner_text().strip()
    assert NUMBER.fullmatch(number)
    assert page.evaluate("document.activeElement.classList.contains('console-receipt')")
    assert Report.objects.get(number=number).channel == Report.Channel.PHONE
    assert number in page.locator("#console-call").get_by_label("Свързани номера").input_value()
    assert_accessible(page)

    citizen = page.context.browser.new_context(locale="bg-BG", base_url=page.url.split("/info/")[0])
    home = citizen.new_page()
    home.goto("/")
    home.get_by_label("Номер на сигнал или въпрос").fill(number)
    home.get_by_role("button", name="Търсене").click()
    home.wait_for_url(re.compile(r"/reports/r/"))
    assert number in home.locator("h1").inner_text()
    assert "caller@example.bg" not in home.content()
    citizen.close()
