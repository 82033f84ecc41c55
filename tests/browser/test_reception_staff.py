"""The staff side in headless Chromium on a phone, with axe-core checks: the
administrator creates a schedule with a lunch break, the official approves a
request from the desk after reading its document, and books a phone caller."""

import re

import pytest

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory, UserFactory
from obshtina.reception.models import Appointment, Schedule
from obshtina.reception.tests.factories import (
    ScheduleFactory,
    ScheduleGroupFactory,
    at,
    book,
    next_weekday,
)
from obshtina.reports.tests.factories import submit_report

from .accounts import follow_header_link, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"


def test_the_administrator_creates_a_schedule_with_a_lunch_break(phone_page, assert_accessible):
    page = phone_page
    ScheduleGroupFactory(name="Устройство на територията")
    official = StaffUserFactory(role="operator", first_name="Ангел", last_name="Петров")
    admin = StaffUserFactory(role="reception_admin")
    log_in(page, email=admin.email, password=PASSWORD)

    page.goto("/reception/staff/schedules/new/")
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_label("Група:").select_option(label="Устройство на територията")
    page.get_by_label("Длъжност или звено").fill("Главен архитект")
    page.get_by_label(re.compile("Ангел Петров")).check()
    first = page.locator("fieldset", has_text="Прозорец 1")
    first.get_by_label("Ден").select_option(label="понеделник")
    first.get_by_label("Начало").fill("09:00")
    first.get_by_label("Край").fill("16:00")
    first.get_by_label("Среща (минути)").fill("30")
    first.get_by_label("Почивка от").fill("12:00")
    first.get_by_label("Почивка до").fill("13:00")
    page.get_by_role("button", name="Създай графика").click()
    page.wait_for_load_state()

    assert "Графикът е създаден" in page.content()
    assert_accessible(page)
    fits_the_phone(page)
    schedule = Schedule.objects.get()
    assert list(schedule.officials.all()) == [official]
    window = schedule.windows.get()
    assert (window.break_start.hour, window.break_end.hour) == (12, 13)

    # Shortening Monday strands a booked meeting: the administrator sees it and decides.
    meeting = book(schedule, at(next_weekday(0), "14:00"), topic="Виза за проектиране")
    windows = page.locator("section", has_text="Приемно време по дни")
    windows.get_by_label("Край").first.fill("12:00")
    windows.get_by_label("Почивка от").first.fill("")
    windows.get_by_label("Почивка до").first.fill("")
    page.get_by_role("button", name="Запиши приемното време").click()
    page.wait_for_load_state()
    assert "Виза за проектиране" in page.content()
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_label(re.compile("Анулирай ги с причина")).check()
    page.get_by_label("Причина за анулирането").fill("Приемът в понеделник е до обяд.")
    page.get_by_role("button", name="Запиши приемното време").click()
    page.wait_for_load_state()
    assert "1 среща е анулирана" in page.content()
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.CANCELLED

    for address in ("/reception/staff/schedules/", "/reception/staff/groups/"):
        page.goto(address)
        assert_accessible(page)
        fits_the_phone(page)


def test_the_official_reads_the_document_approves_and_books_a_caller(
    phone_page, assert_accessible, settings
):
    settings.VIDEO_URL_TEMPLATE = "https://video.samokov.bg/{room}"
    page = phone_page
    official = UserFactory(second_factor=True)
    schedule = ScheduleFactory(officials=[official], title="Главен архитект")
    report = submit_report()
    meeting = book(
        schedule,
        at(next_weekday(0), "09:00"),
        topic="Виза за проектиране",
        document_number=report.number,
        wants_video=True,
    )
    log_in(page, email=official.email, password=PASSWORD)

    follow_header_link(page, "Приемно време (служители)")
    page.wait_for_load_state()
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_role("link", name=re.compile("09:00")).first.click()
    page.wait_for_load_state()
    assert report.number in page.content()
    assert_accessible(page)
    fits_the_phone(page)

    page.get_by_label("Генерирай видеовръзка").check()
    page.get_by_role("button", name="Одобри срещата").click()
    page.wait_for_load_state()
    assert page.locator("#meeting-status").inner_text() == "одобрена"
    meeting.refresh_from_db()
    assert meeting.video_url.startswith("https://video.samokov.bg/obshtina-")

    page.goto(f"/reception/staff/book/?schedule={schedule.pk}&phone=0888111222&name=Стоян")
    assert_accessible(page)
    fits_the_phone(page)
    page.locator("input[name=slot]").first.check()
    page.get_by_label("Тема на срещата").fill("Скица")
    page.get_by_role("button", name="Запази часа").click()
    page.wait_for_load_state()
    assert "Часът е записан" in page.content()
    booked = Appointment.objects.get(citizen_name="Стоян")
    assert booked.status == Appointment.Status.APPROVED
