"""A citizen with a confirmed e-mail files a question, a letter and a meeting request
citing the letter; "Моите" lists all three; the official of the schedule opens the
cited letter from the meeting's page, and the letter's history records that."""

import re

import pytest

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory, UserFactory
from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.infodesk.models import Question
from obshtina.infodesk.tests.questions_factories import TopicFactory
from obshtina.reception.models import Appointment
from obshtina.reception.tests.factories import ScheduleFactory, ScheduleGroupFactory
from obshtina.reports.tests.factories import UnitFactory

from .accounts import log_in, open_user_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTER = re.compile(r"П-\d{4}-\d{6}")


def test_moite_lists_every_kind_and_the_official_reads_the_cited_letter(
    browser, live_server, page, assert_accessible
):
    unit = UnitFactory(name="Отдел „Устройство на територията“")
    TopicFactory(name="Строителство", unit=unit)
    official = StaffUserFactory(role="operator", first_name="Ангел", last_name="Петров")
    ScheduleFactory(
        group=ScheduleGroupFactory(name="Устройство на територията"),
        title="Главен архитект",
        unit=unit,
        officials=[official],
    )
    citizen = UserFactory(email="maria@example.bg", first_name="Мария", last_name="Иванова")
    log_in(page, email=citizen.email, password=PASSWORD)

    page.goto("/info/ask/")
    page.get_by_label("Тема").select_option(label="Строителство")
    page.get_by_label("Вашият въпрос").fill("Нужно ли е разрешение за ограда?")
    page.get_by_role("button", name="Изпрати въпроса").click()
    page.wait_for_load_state()
    question = Question.objects.get(author=citizen)

    page.goto("/documents/new/")
    page.get_by_label("писмо", exact=True).check()
    page.get_by_label("Относно").fill("Виза за проектиране на ул. „Рила“ 5")
    page.get_by_label(re.compile(r"^Текст:?$")).fill("Моля за виза за проектиране.")
    page.get_by_role("button", name="Подай документа").click()
    page.wait_for_load_state()
    match = LETTER.search(page.locator("main").inner_text())
    assert match, page.locator(".errorlist").all_inner_texts()
    letter = Correspondence.objects.get(number=match.group(0))

    page.goto("/reception/")
    page.get_by_role("link", name="Главен архитект", exact=True).click()
    page.get_by_role("link", name="Следваща седмица").click()
    page.locator("a.slot").first.click()
    page.wait_for_url("**/request/**")
    page.get_by_label("Тема на срещата").fill("Виза за проектиране")
    page.get_by_label(re.compile("Номер на документ")).fill(letter.number)
    page.get_by_role("button", name="Изпрати заявката").click()
    page.wait_for_load_state()
    assert page.get_by_text("Заявката е изпратена").is_visible()
    meeting = Appointment.objects.get(author=citizen)

    # "Моите", from the menu under the citizen's name: every kind in one list.
    open_user_menu(page)
    page.get_by_role("link", name="Всичко подадено от мен", exact=True).click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    for number in (question.number, letter.number, meeting.number):
        assert number in text
    assert_accessible(page)

    # The official of the schedule opens the cited letter from the meeting's page.
    desk = browser.new_context(base_url=live_server.url, locale="bg-BG").new_page()
    log_in(desk, email=official.email, password=PASSWORD)
    desk.goto(f"/reception/staff/a/{meeting.number}/")
    desk.get_by_role("link", name="Прочетете документа за срещата").click()
    desk.wait_for_load_state()
    assert "Виза за проектиране на ул. „Рила“ 5" in desk.locator("main").inner_text()
    assert_accessible(desk)
    event = letter.events.get(kind=CorrespondenceEvent.Kind.READ_FOR_MEETING)
    assert event.actor == official

    # The letter's history on the registry desk says who read it, and for which meeting.
    clerk = StaffUserFactory(role="registry_clerk")
    desk = browser.new_context(base_url=live_server.url, locale="bg-BG").new_page()
    log_in(desk, email=clerk.email, password=PASSWORD)
    desk.goto(f"/documents/desk/{letter.number}/")
    history = desk.locator("main").inner_text()
    assert "прочетено за среща" in history.lower()
    assert meeting.number in history
