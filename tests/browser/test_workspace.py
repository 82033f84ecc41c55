"""An officer's day in headless Chromium: they log in and land on "Моята работа", see a
report, a question, a letter and a meeting request of their unit in one list, take the
report, answer it with a template, and the citizen reads the answer on the report's
page and in the e-mail; the officer heard of the report when it reached the unit."""

import re

import pytest
from django.core import mail

from obshtina.accounts.tests.factories import PASSWORD
from obshtina.casework.models import AnswerTemplate
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.tests.questions_factories import TopicFactory, ask
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_works_every_kind_from_one_list(browser, live_server, page, assert_accessible):
    unit = UnitFactory(name="Отдел „Благоустройство“")
    officer = officer_of(unit, first_name="Елена", last_name="Стоева", is_staff=True)
    AnswerTemplate.objects.create(
        kind=AnswerTemplate.Kind.REPORT,
        title="Приет за ремонт",
        text="Сигнал {номер} е приет от {звено}; ремонтът е до две седмици.",
    )
    report = submit_report(
        category=CategoryFactory(name="Дупка на пътя", unit=unit),
        submitter_email="maria@example.bg",
    )
    question = ask(topic=TopicFactory(unit=unit))
    letter = file_document(addressee=unit, subject="Ремонт на читалището")
    meeting = book(ScheduleFactory(unit=unit, officials=[officer]), at(next_weekday(2), "10:00"))

    log_in(page, email=officer.email, password=PASSWORD)
    assert page.url.endswith("/staff/")
    main = page.locator("main")
    for number in (report.number, question.number, letter.number, meeting.number):
        assert number in main.inner_text()
    assert_accessible(page)

    page.get_by_role("button", name=f"Поеми {report.number}").click()
    page.wait_for_load_state()
    assert "Възложен е 1 документ" in main.inner_text()
    page.get_by_label("Отговорен").select_option(label="Аз")
    page.get_by_role("button", name="Покажи").click()
    page.wait_for_load_state()
    assert report.number in main.inner_text()
    assert letter.number not in main.inner_text()

    page.get_by_role("link", name=report.number).click()
    page.wait_for_load_state()
    answer = page.locator("#action-answer")
    answer.get_by_label("Шаблон").select_option(label="Приет за ремонт")
    answer.get_by_role("button", name="Попълни").click()
    text = f"Сигнал {report.number} е приет от Отдел „Благоустройство“; ремонтът е до две седмици."
    assert answer.locator("textarea").input_value() == text
    assert_accessible(page)
    answer.get_by_role("button", name="Публикувай").click()
    page.wait_for_load_state()
    assert "Отговорът е публикуван" in main.inner_text()

    citizen = browser.new_context(base_url=live_server.url, locale="bg-BG").new_page()
    citizen.goto(report.get_absolute_url())
    assert text in citizen.locator("#report-answer + p, .report-answer").first.inner_text()
    answered = [m for m in mail.outbox if m.to == ["maria@example.bg"] and text in m.body]
    assert answered and answered[-1].subject.startswith("Отговор на общината по сигнал")
    # The officer heard of the report when it was routed to the unit.
    assert any(officer.email in m.to and report.number in m.subject for m in mail.outbox)


def test_enter_in_a_field_sends_the_form_not_the_template_fill(page, assert_accessible):
    unit = UnitFactory(name="Отдел „Води“")
    officer = officer_of(unit)
    AnswerTemplate.objects.create(
        kind=AnswerTemplate.Kind.REPORT, title="Препращане", text="Препратен по компетентност."
    )
    report = submit_report(category=CategoryFactory(unit=unit))
    log_in(page, email=officer.email, password=PASSWORD)
    page.goto(f"/reports/staff/{report.number}/")
    status = page.locator("#action-status")
    status.get_by_label("Ново състояние").select_option(label="препратен към друга институция")
    field = status.get_by_label(re.compile("Институция"))
    field.fill("ВиК Самоков")
    field.press("Enter")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "forwarded"
    assert report.forwarded_to == "ВиК Самоков"
    assert_accessible(page)


def test_on_a_phone_the_list_comes_first_as_cards_and_the_filters_fold_away(
    phone_page, assert_accessible
):
    unit = UnitFactory(name="Отдел „Благоустройство“")
    officer = officer_of(unit)
    letter = file_document(addressee=unit, subject="Ремонт на читалището")
    ask(topic=TopicFactory(unit=unit))

    log_in(phone_page, email=officer.email, password=PASSWORD)
    filters = phone_page.locator("details.queue-filters-panel")
    assert not filters.get_attribute("open") and not phone_page.get_by_label("Вид").is_visible()
    row = phone_page.locator("tr", has_text=letter.number)
    subject = row.locator("td", has_text="Ремонт на читалището")
    # Each cell says which column it is, as the header row is out of sight.
    label = subject.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Относно: "'
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    # The card fits the screen: nothing of it hides behind a sideways scroll.
    width = phone_page.evaluate("document.querySelector('.table-scroll').scrollWidth")
    assert width <= 390
    assert_accessible(phone_page)

    phone_page.get_by_text("Филтри", exact=True).click()
    phone_page.get_by_label("Вид").select_option(label="Писма")
    phone_page.get_by_role("button", name="Покажи").click()
    phone_page.wait_for_load_state()
    assert filters.get_attribute("open") is not None  # filters applied: they stay in view
    assert letter.number in phone_page.locator("main").inner_text()
