"""The whole reception seed in headless Chromium, in the order of issue 7's "Done when".

Three people, each in a browser of their own: the reception administrator sets up
a schedule with a lunch break in a new group; a citizen registers, confirms the
e-mail, and asks for a slot with a document number and a video wish; the official
reads the document, approves with a generated video link; the citizen sees the
link and has the invitation (.ics) in the mail; the official books a slot for a
caller without an account; the citizen cancels with a reason and the official
sees why.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory
from obshtina.core.tests.written_dates import written_day
from obshtina.reception.models import Appointment, Schedule
from obshtina.reports.tests.factories import submit_report

from .accounts import confirm_email, follow_header_link, log_in, sign_up
from .conftest import only_this_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_EMAIL = "elena.stoyanova@example.bg"
CITIZEN_PASSWORD = "Rila-Musala-2925"
GROUP = "Устройство на територията"
TITLE = "Главен архитект"
HOST = "арх. Ангел Петров"
TOPIC = "Виза за проектиране на жилищна сграда в кв. Самоков-изток"
CANCEL_REASON = "Документите ми още не са готови; ще запазя нов час."


@pytest.fixture
def open_browser(browser, live_server):
    """A new page in a browser context of its own (own cookies: own person)."""
    contexts = []

    def open_page(*, phone=False):
        options = {"locale": "bg-BG", "base_url": live_server.url}
        if phone:
            options.update(
                viewport={"width": 390, "height": 844},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
            )
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        only_this_site(page, live_server)
        return page

    yield open_page
    for context in contexts:
        context.close()


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"


def invitations_to(email):
    """(subject, METHOD, STATUS, UID) of every calendar invitation e-mailed to `email`."""
    found = []
    for message in mail.outbox:
        if message.to != [email]:
            continue
        for name, content, _mimetype in message.attachments:
            if name.endswith(".ics"):
                calendar = Calendar.from_ical(content)
                event = next(iter(calendar.walk("VEVENT")))
                found.append(
                    (
                        message.subject,
                        str(calendar["METHOD"]),
                        str(event["STATUS"]),
                        str(event["UID"]),
                    )
                )
    return found


def fill_window(scope, number, *, weekday, start, end, minutes, break_from="", break_to=""):
    window = scope.get_by_role("group", name=f"Прозорец {number}", exact=True)
    window.get_by_label("Ден").select_option(label=weekday)
    window.get_by_label("Начало").fill(start)
    window.get_by_label("Край").fill(end)
    window.get_by_label("Среща (минути)").fill(str(minutes))
    window.get_by_label("Почивка от").fill(break_from)
    window.get_by_label("Почивка до").fill(break_to)


def weekday_window(scope, number, weekday):
    """Mon–Fri 09:00–17:00, meetings of 30 minutes, lunch 12:00–13:00."""
    fill_window(
        scope,
        number,
        weekday=weekday,
        start="09:00",
        end="17:00",
        minutes=30,
        break_from="12:00",
        break_to="13:00",
    )


def slot_link(page, day, time):
    """The link of a free slot in the week view: its name is "четвъртък, 3 декември 2026, HH:MM"."""
    return page.get_by_role("link", name=re.compile(rf"^{re.escape(written_day(day))}, {time}$"))


def test_the_reception_seed_from_the_schedule_to_a_cancelled_meeting(
    open_browser, assert_accessible
):
    official = StaffUserFactory(first_name="Ангел", last_name="Петров")
    admin = StaffUserFactory(role="reception_admin", first_name="Радка", last_name="Георгиева")
    # The file the citizen's meeting is about: a report with its registry number.
    report = submit_report(description="Незаконен строеж до реката")

    # 1. The reception administrator: a group, then a schedule with a lunch break.
    desk = open_browser()
    log_in(desk, email=admin.email, password=PASSWORD)
    follow_header_link(desk, "Приемно време (служители)")
    desk.get_by_role("link", name="Групи графици").click()
    desk.wait_for_load_state()
    assert_accessible(desk)
    new_group = desk.get_by_role("region", name="Нова група")
    new_group.get_by_label("Наименование").fill(GROUP)
    new_group.get_by_label("Описание").fill("Главен архитект, строителство, благоустройство")
    new_group.get_by_role("button", name="Създай групата").click()
    desk.wait_for_load_state()
    assert desk.get_by_text("Групата е записана.").is_visible()
    assert desk.get_by_role("heading", name=GROUP).is_visible()

    desk.get_by_role("link", name="Към графиците").click()
    desk.wait_for_load_state()
    desk.get_by_role("link", name=re.compile("Нов график")).click()
    desk.wait_for_load_state()
    assert_accessible(desk)
    desk.get_by_label("Група:").select_option(label=GROUP)
    desk.get_by_label("Длъжност или звено").fill(TITLE)
    desk.get_by_label("Име на длъжностното лице").fill(HOST)
    desk.get_by_label("Място на приема").fill("Общинска администрация, ет. 2, стая 204")
    desk.get_by_label(re.compile(f"Ангел Петров \\({re.escape(official.email)}\\)")).check()
    desk.get_by_label("Предлага видеоконсултация").check()
    weekday_window(desk, 1, "понеделник")
    weekday_window(desk, 2, "вторник")
    desk.get_by_role("button", name="Създай графика").click()
    desk.wait_for_load_state()
    assert desk.get_by_text("Графикът е създаден.").is_visible()
    assert_accessible(desk)

    # The form has two empty rows at a time: the rest of the week in two more saves.
    hours = desk.get_by_role("region", name="Приемно време по дни")
    weekday_window(hours, 3, "сряда")
    weekday_window(hours, 4, "четвъртък")
    hours.get_by_role("button", name="Запиши приемното време").click()
    desk.wait_for_load_state()
    assert desk.get_by_text("Приемните прозорци са записани.").is_visible()
    hours = desk.get_by_role("region", name="Приемно време по дни")
    weekday_window(hours, 5, "петък")
    hours.get_by_role("button", name="Запиши приемното време").click()
    desk.wait_for_load_state()
    assert desk.get_by_text("Приемните прозорци са записани.").is_visible()
    schedule = Schedule.objects.get(title=TITLE)
    assert schedule.group.name == GROUP and schedule.offers_video
    assert list(schedule.officials.all()) == [official]
    assert [w.weekday for w in schedule.windows.all()] == [0, 1, 2, 3, 4]
    assert all((w.break_start.hour, w.break_end.hour) == (12, 13) for w in schedule.windows.all())

    # 2. The citizen registers, confirms the e-mail, logs in and asks for a slot.
    citizen = open_browser(phone=True)
    sign_up(
        citizen,
        email=CITIZEN_EMAIL,
        password=CITIZEN_PASSWORD,
        first_name="Елена",
        last_name="Стоянова",
    )
    confirm_email(citizen)
    log_in(citizen, email=CITIZEN_EMAIL, password=CITIZEN_PASSWORD)
    follow_header_link(citizen, "Приемно време")
    citizen.wait_for_load_state()
    assert_accessible(citizen)
    fits_the_phone(citizen)
    citizen.get_by_role("region", name=GROUP).get_by_role("link", name=TITLE, exact=True).click()
    citizen.wait_for_load_state()
    assert_accessible(citizen)
    fits_the_phone(citizen)

    # Next week always has working days ahead of us, whatever today is.
    citizen.get_by_role("link", name=re.compile("Следваща седмица")).click()
    citizen.wait_for_load_state()
    today = timezone.localdate()
    next_monday = today + timedelta(days=7 - today.weekday())
    days = [next_monday + timedelta(days=n) for n in range(5)]
    day = next(d for d in days if slot_link(citizen, d, r"\d\d:\d\d").count())  # not a holiday
    # 09:00–12:00 and 13:00–17:00 in 30 minutes: 6 + 8 slots, none in the lunch break.
    assert slot_link(citizen, day, r"\d\d:\d\d").count() == 14
    for time in ("09:00", "11:30", "13:00", "16:30"):
        assert slot_link(citizen, day, time).count() == 1, time
    for time in ("12:00", "12:30", "17:00"):
        assert slot_link(citizen, day, time).count() == 0, time

    slot_link(citizen, day, "10:00").click()
    citizen.wait_for_load_state()
    assert_accessible(citizen)
    fits_the_phone(citizen)
    citizen.get_by_label("Тема на срещата").fill(TOPIC)
    citizen.get_by_label(re.compile("Номер на документ")).fill(report.number)
    citizen.get_by_label("Желая видеоконсултация").check()
    citizen.get_by_role("button", name="Изпрати заявката").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_text("Заявката е изпратена").is_visible()
    assert_accessible(citizen)
    fits_the_phone(citizen)
    meeting = Appointment.objects.get(author__email=CITIZEN_EMAIL)
    assert meeting.status == Appointment.Status.REQUESTED
    assert (meeting.document_number, meeting.wants_video) == (report.number, True)
    assert citizen.get_by_text("заявена", exact=True).is_visible()

    # 3. The official: the request waits on the desk with its topic and document.
    office = open_browser()
    log_in(office, email=official.email, password=PASSWORD)
    follow_header_link(office, "Приемно време (служители)")
    office.wait_for_load_state()
    assert_accessible(office)
    waiting = office.get_by_role("region", name=re.compile("Чакащи одобрение"))
    request_row = waiting.get_by_role("row", name=re.compile(meeting.number))
    assert request_row.get_by_text(TOPIC).is_visible()
    assert request_row.get_by_text(report.number).is_visible()
    assert request_row.get_by_text("Елена Стоянова").is_visible()
    request_row.get_by_role("link", name=re.compile("10:00–10:30")).click()
    office.wait_for_load_state()
    assert_accessible(office)
    manage_url = office.url

    document = office.get_by_role("region", name=f"Документ {report.number}")
    assert document.get_by_text(str(report)).is_visible()  # the related item: the report
    document.get_by_role("link", name=report.number, exact=True).click()
    office.wait_for_load_state()
    assert office.get_by_role("heading", name=f"Деловоден номер {report.number}").is_visible()
    office.go_back()
    office.wait_for_load_state()

    office.get_by_label("Генерирай видеовръзка").check()
    office.get_by_role("button", name="Одобри срещата").click()
    office.wait_for_load_state()
    assert office.get_by_text("Срещата е одобрена; гражданинът е уведомен.").is_visible()
    assert office.locator("#meeting-status").inner_text() == "одобрена"
    meeting.refresh_from_db()
    assert re.fullmatch(r"https://meet\.jit\.si/\S+", meeting.video_url)
    assert office.get_by_role("link", name=meeting.video_url).is_visible()

    # 4. The citizen sees the approved meeting with its video link, and has the invitation.
    citizen.goto("/reception/mine/")
    assert_accessible(citizen)
    fits_the_phone(citizen)
    card = citizen.get_by_role("listitem").filter(has_text=meeting.number)
    assert card.get_by_text("одобрена", exact=True).is_visible()
    video = card.get_by_role("link", name=re.compile("Към видеосрещата"))
    assert video.get_attribute("href") == meeting.video_url
    card.get_by_role("link", name=re.compile("10:00–10:30")).click()
    citizen.wait_for_load_state()
    assert_accessible(citizen)
    assert citizen.get_by_role("region", name="Видеоконсултация").is_visible()
    assert (
        citizen.get_by_role("link", name=re.compile("Към видеосрещата")).get_attribute("href")
        == meeting.video_url
    )

    sent = invitations_to(CITIZEN_EMAIL)
    approval = [entry for entry in sent if "одобрена" in entry[0]]
    assert approval, f"no approval e-mail with an .ics among {[s[0] for s in sent]}"
    assert approval[-1][1:3] == ("REQUEST", "CONFIRMED")
    # One event in the citizen's calendar: the request and its approval share the UID.
    (uid,) = {uid for *_rest, uid in sent}
    assert uid.startswith(str(meeting.uid))

    # 5. A caller without an account phones; the official books a free slot for them.
    office.goto("/reception/staff/")
    office.get_by_role("link", name="Запази час за гражданин").click()
    office.wait_for_load_state()
    office.get_by_role("combobox", name="График").select_option(label=f"{TITLE} – {HOST}")
    office.get_by_label("Телефон на гражданина").fill("0877 555 010")
    office.get_by_label("Име на гражданина").fill("Стоян Илиев")
    office.get_by_role("button", name=re.compile("Покажи свободните часове")).click()
    office.wait_for_load_state()
    assert_accessible(office)
    free = office.get_by_role("group", name=re.compile("^Свободни часове"))
    # The last day of the shown week with 16:30: never today, so never just past.
    free.get_by_role("radio", name="16:30–17:00").last.check()
    assert office.get_by_label("Човек без профил").is_checked()
    assert office.get_by_label("Име и фамилия").input_value() == "Стоян Илиев"
    office.get_by_label("Тема на срещата").fill("Скица за имот в кв. Манастирище")
    office.get_by_role("button", name="Запази часа").click()
    office.wait_for_load_state()
    assert office.get_by_text(re.compile("Часът е записан под номер")).is_visible()
    assert office.locator("#meeting-status").inner_text() == "одобрена"
    caller = Appointment.objects.get(citizen_name="Стоян Илиев")
    assert caller.status == Appointment.Status.APPROVED and caller.author is None

    office.goto("/reception/staff/")
    approved = office.get_by_role("region", name=re.compile("Предстоящи одобрени срещи"))
    caller_row = approved.get_by_role("row", name=re.compile(caller.number))
    assert caller_row.get_by_text("Стоян Илиев").is_visible()
    assert caller_row.get_by_text("телефон").is_visible()
    assert approved.get_by_role("row", name=re.compile(meeting.number)).count() == 1

    # 6. The citizen cancels with a reason; the official sees it and why.
    citizen.get_by_label("Причина за отказа").fill(CANCEL_REASON)
    citizen.get_by_role("button", name="Откажи срещата").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_text("Срещата е отказана и часът е освободен.").is_visible()
    assert citizen.get_by_text("анулирана", exact=True).is_visible()
    assert_accessible(citizen)
    fits_the_phone(citizen)
    meeting.refresh_from_db()
    assert meeting.status == Appointment.Status.CANCELLED
    assert invitations_to(CITIZEN_EMAIL)[-1][1:3] == ("CANCEL", "CANCELLED")

    office.reload()
    approved = office.get_by_role("region", name=re.compile("Предстоящи одобрени срещи"))
    assert approved.get_by_role("row", name=re.compile(meeting.number)).count() == 0
    assert approved.get_by_role("row", name=re.compile(caller.number)).count() == 1
    office.goto(manage_url)
    assert office.locator("#meeting-status").inner_text() == "анулирана"
    assert office.get_by_text(CANCEL_REASON).first.is_visible()
    assert_accessible(office)
