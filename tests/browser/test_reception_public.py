"""Reception hours from the citizen's side, on a phone: find a schedule, pick a free
slot, request it (the first choice was just taken), see it in "Моите срещи", cancel it;
move a meeting to another free slot ("Промени часа"); join a full schedule's waitlist
and accept the slot it offers when one frees up."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core import mail

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.reception.models import Appointment, WaitlistEntry
from obshtina.reception.services.decisions import appointment_cancel_by_citizen
from obshtina.reception.slots import SOFIA, parse_slot_key
from obshtina.reception.tests.factories import (
    ScheduleFactory,
    ScheduleGroupFactory,
    at,
    book,
    next_weekday,
)

from .accounts import EMAIL_LABEL, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def wednesday_morning():
    """A fixed "now" (the clock runs on from it), so the weeks and slots are the same
    whatever the day the suite runs."""
    with time_machine.travel(datetime(2026, 12, 9, 10, 0, tzinfo=SOFIA), tick=True):
        yield


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"


def test_a_citizen_finds_a_schedule_books_a_slot_and_cancels_it(phone_page, assert_accessible):
    page = phone_page
    group = ScheduleGroupFactory(name="Устройство на територията")
    architect = ScheduleFactory(group=group, title="Главен архитект", host_name="Петър Петров")
    ScheduleFactory(group=group, title="Отдел „Местни данъци“")
    citizen = UserFactory(email="maria@example.bg")

    page.goto("/reception/")
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_label("Търсене на график").fill("архитект")
    page.get_by_role("button", name="Търси").click()
    page.wait_for_load_state()
    assert page.get_by_text("Отдел „Местни данъци“").count() == 0
    page.get_by_role("link", name="Главен архитект", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    fits_the_phone(page)

    page.get_by_role("link", name="Следваща седмица").click()
    # The week before has slots too: wait for the new week, not only for a loaded page.
    page.wait_for_url(re.compile(r"\?week=2026-12-14"))
    first_slot = page.locator("a.slot").first
    first_slot.click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label(EMAIL_LABEL).fill(citizen.email)
    page.get_by_label("Парола").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_url("**/request/**")
    assert_accessible(page)

    # Someone else takes the slot while the citizen types.
    key = page.url.rstrip("/").rsplit("/", 1)[1]
    book(architect, parse_slot_key(key))
    page.get_by_label("Тема на срещата").fill("Виза за проектиране")
    page.get_by_label(re.compile("Номер на документ")).fill("УТ-2026-17")
    page.get_by_label("Желая видеоконсултация").check()
    page.get_by_role("button", name="Изпрати заявката").click()
    page.wait_for_load_state()
    assert page.get_by_text("Този час току-що беше зает").is_visible()
    assert page.get_by_label("Тема на срещата").input_value() == "Виза за проектиране"
    assert_accessible(page)
    fits_the_phone(page)

    # Enter in a field books none of the offered slots.
    page.get_by_label(re.compile("Номер на документ")).press("Enter")
    page.wait_for_load_state()
    assert not Appointment.objects.filter(author=citizen).exists()
    assert page.get_by_label(re.compile("Номер на документ")).input_value() == "УТ-2026-17"

    page.locator("button.slot").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Заявката е изпратена").is_visible()
    assert_accessible(page)
    appointment = Appointment.objects.get(author=citizen)
    assert appointment.topic == "Виза за проектиране" and appointment.wants_video

    page.goto("/reception/mine/")
    assert page.get_by_text(appointment.number).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"\d\d:\d\d–\d\d:\d\d")).first.click()
    page.wait_for_load_state()

    page.get_by_role("button", name="Откажи срещата").click()
    page.wait_for_load_state()
    assert page.get_by_text("Посочете причина за отказа.").is_visible()
    assert_accessible(page)
    page.get_by_label("Причина за отказа").fill("Ще пътувам.")
    page.get_by_role("button", name="Откажи срещата").click()
    page.wait_for_load_state()
    assert page.get_by_text("Срещата е отказана и часът е освободен.").is_visible()
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED


def test_a_citizen_moves_a_meeting_to_another_free_slot_on_a_phone(phone_page, assert_accessible):
    page = phone_page
    schedule = ScheduleFactory(title="Главен архитект", host_name="Петър Петров")
    citizen = UserFactory(email="ivan@example.bg")
    appointment = book(schedule, at(next_weekday(1, weeks_ahead=2), "09:00"), author=citizen)
    log_in(page, email=citizen.email, password=PASSWORD)

    page.goto("/reception/mine/")
    page.get_by_role("link", name=re.compile("Промени часа")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    fits_the_phone(page)
    assert page.get_by_text("Сегашен час").is_visible()

    # The page opens on the meeting's own week: its time is not offered, the others are.
    own_key = appointment.starts_at.astimezone(SOFIA).strftime("%Y-%m-%dT%H:%M")
    assert page.locator(f'button.slot[value^="{own_key[:10]}"]').count() > 0
    assert page.locator(f'button.slot[value="{own_key}"]').count() == 0
    target = page.locator("button.slot").nth(3)
    new_key = target.get_attribute("value")
    target.click()
    page.wait_for_load_state()
    assert page.get_by_text("Часът на срещата е променен").is_visible()
    assert page.get_by_text("Часът е променен").is_visible()  # in the history
    assert_accessible(page)
    fits_the_phone(page)

    appointment.refresh_from_db()
    assert appointment.starts_at == parse_slot_key(new_key)
    # The old time is free for anyone else.
    book(schedule, at(next_weekday(1, weeks_ahead=2), "09:00"))


def test_a_waitlisted_citizen_accepts_a_freed_slot_on_a_phone(
    phone_page, assert_accessible, django_capture_on_commit_callbacks
):
    page = phone_page
    day = next_weekday(3)
    schedule = ScheduleFactory(
        title="Кмет на общината",
        valid_from=day,
        valid_until=day,
        windows=[(3, "09:00", "09:30", 30, None, None)],
    )
    taken = book(schedule, at(day, "09:00"))
    citizen = UserFactory(email="elena@example.bg")
    log_in(page, email=citizen.email, password=PASSWORD)

    page.goto(schedule.get_absolute_url())
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_label("Тема на срещата").fill("Улично осветление")
    page.get_by_role("button", name="Запиши ме в списъка на чакащите").click()
    page.wait_for_load_state()
    assert page.get_by_text("Място в списъка: 1").is_visible()
    assert_accessible(page)

    with django_capture_on_commit_callbacks(execute=True):
        appointment_cancel_by_citizen(appointment=taken, citizen=taken.author, reason="Болест.")
    message = next(message for message in mail.outbox if message.to == [citizen.email])
    link = re.search(r"https?://\S+/reception/w/[0-9a-f-]+/", message.body).group(0)

    page.goto("/reception/w/" + link.rsplit("/w/", 1)[1])
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_role("button", name="Приемам часа").click()
    page.wait_for_load_state()
    assert page.get_by_text("Часът е ваш").is_visible()
    appointment = Appointment.objects.get(author=citizen)
    assert appointment.starts_at == at(day, "09:00")
    assert not WaitlistEntry.objects.exists()
