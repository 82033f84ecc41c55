"""The new pages around a report and an access request, in a browser and checked by axe:
a citizen answers "Наистина ли е решен?", chooses a category that asks questions and stops
for urgent danger; a moderator blacks out part of a photo; an access officer reviews and
publishes an answer for the public register."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from obshtina.accounts.tests.factories import PASSWORD
from obshtina.correspondence.models import PublishedAnswer
from obshtina.correspondence.services import procedure
from obshtina.correspondence.tests.factories import UnitFactory, file_document
from obshtina.correspondence.tests.procedure_helpers import GRANT_TERMS, access_officer
from obshtina.organization.models import Settlement
from obshtina.organization.tests.factories import officer_of
from obshtina.reports.models import CategoryQuestion, Report
from obshtina.reports.services.fixed_checks import fixed_checks_send
from obshtina.reports.services.workflow import report_change_status
from obshtina.reports.tests.factories import CategoryFactory, submit_report
from obshtina.reports.tests.submit_photos import jpeg_bytes

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXED_LINK = re.compile(r"https?://[^\s\"<>]+/reports/fixed/[^\s\"<>/]+/")


def test_a_citizen_says_a_resolved_report_is_not_fixed(
    live_server, phone_page, assert_accessible, settings
):
    settings.SITE_URL = live_server.url
    report = submit_report(submitter_email="maria@example.bg")
    report_change_status(
        report=report, actor=officer_of(report.unit), status=Report.Status.RESOLVED
    )
    report.refresh_from_db()
    with time_machine.travel(report.resolved_at + timedelta(days=21, hours=1), tick=False):
        fixed_checks_send()
    (question,) = [message for message in mail.outbox if "Наистина ли е решен" in message.subject]
    phone_page.goto(FIXED_LINK.search(question.body).group(0))
    assert_accessible(phone_page)
    phone_page.get_by_label("Какво не е решено?").fill("Дупката се появи отново след дъжда.")
    phone_page.get_by_role("button", name="Върни сигнала на звеното").click()
    assert "върнат на звеното" in phone_page.locator("main").inner_text()
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED


def test_a_category_that_stops_for_urgent_danger_keeps_the_form_from_being_sent(
    phone_page, assert_accessible
):
    lamps = CategoryFactory(
        name="Улично осветление",
        notice="Номерът е на табелка на стълба.",
        urgent_question="Има ли паднал стълб?",
        urgent_notice="Обадете се веднага на 112.",
    )
    CategoryQuestion.objects.create(category=lamps, label="Номер на стълба")
    Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)
    phone_page.goto("/reports/new/")
    phone_page.get_by_label("Категория").select_option(label="Улично осветление")
    phone_page.get_by_text("Номерът е на табелка на стълба.").wait_for()
    phone_page.get_by_label("Номер на стълба").fill("С-0412")
    phone_page.get_by_label("Да", exact=True).check()
    stop = phone_page.locator("#category-urgent")
    assert stop.is_visible() and "112" in stop.inner_text()
    assert_accessible(phone_page)
    phone_page.get_by_label("Описание на проблема").fill("Паднал стълб на тротоара пред бл. 3")
    phone_page.get_by_label("Населено място").select_option(label="с. Говедарци")
    phone_page.get_by_role("button", name="Изпрати сигнала").click()
    phone_page.wait_for_load_state()
    assert "112" in phone_page.locator("main").inner_text()
    assert not Report.objects.exists()


def test_a_moderator_blacks_out_part_of_a_photo(page, assert_accessible, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    unit = UnitFactory(name="Отдел „Пътища“")
    officer = officer_of(unit)
    report = submit_report(category=CategoryFactory(unit=unit), photos=[jpeg_bytes(gps=False)])
    log_in(page, email=officer.email, password=PASSWORD)
    page.goto(f"/reports/staff/{report.number}/")
    page.get_by_role("heading", name=f"Сигнал {report.number}").wait_for()
    page.get_by_text("Закрий части (лица, регистрационни номера)").click()
    page.get_by_label("Части за закриване").fill("10,10,30,30")
    assert_accessible(page)
    page.get_by_role("button", name="Закрий и публикувай копието").click()
    assert "оригиналът остава само за служители" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Оригинал (само за служители)").count() == 1


def test_an_access_officer_reviews_and_publishes_an_answer(page, assert_accessible):
    unit = UnitFactory()
    item = file_document(
        kind="access_request",
        addressee=unit,
        subject="Разходи за снегопочистване",
        sender_name="Антония Милева",
        access={
            "information_description": "Разходите за снегопочистване, Антония Милева.",
            "access_form": "electronic",
        },
    )
    procedure.access_decide(
        item=item, actor=officer_of(unit), outcome="grant", text="Общо 90 000 лв.", **GRANT_TERMS
    )
    officer = access_officer()
    log_in(page, email=officer.email, password=PASSWORD)
    page.goto(f"/documents/desk/{item.number}/publication/")
    text = page.get_by_label("Исканата информация").input_value()
    assert "Антония" not in text and "[име]" in text
    assert_accessible(page)
    page.get_by_role("button", name="Публикувай").click()
    assert PublishedAnswer.objects.get().status == PublishedAnswer.Status.PUBLISHED
    page.goto("/documents/register/")
    assert_accessible(page)
    page.context.clear_cookies()
    page.goto(f"/documents/register/{item.number}/")
    assert "90 000 лв." in page.locator("main").inner_text()
