"""One way of writing dates across the site: a day someone comes in is written out
("четвъртък, 3 декември 2026", "чт, 03.12.2026" in narrow tables), registry dates and
times are numeric ("03.12.2026 14:30"), months and weekdays in lower case."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.tests.factories import file_document
from obshtina.notifications.services import notification_queue
from obshtina.reception.services.decisions import appointment_approve
from obshtina.reception.slots import SOFIA
from obshtina.reception.tests.factories import ScheduleFactory, at, book

from .written_dates import short_day, written_day

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)
WEEK = [MONDAY + timedelta(days=offset) for offset in range(7)]
THURSDAY = WEEK[3]


@pytest.fixture(autouse=True)
def two_weeks_before():
    """The meetings below are booked on 19 November, well ahead of Thursday 3 December."""
    with time_machine.travel(datetime(2026, 11, 19, 9, 0, tzinfo=SOFIA), tick=False):
        yield


@pytest.fixture
def official(client):
    user = UserFactory(second_factor=True)
    client.force_login(user)
    return user


@pytest.fixture
def meeting(official):
    schedule = ScheduleFactory(officials=[official])
    return book(schedule, at(THURSDAY, "10:00"))


def test_the_meeting_page_of_the_official_writes_the_day_out_in_lower_case(client, meeting):
    page = client.get(reverse("reception:manage", args=[meeting.number])).content.decode()

    assert "четвъртък, 3 декември 2026, 10:00–10:30" in page
    assert "Декември" not in page


def test_the_officials_desk_lists_the_meeting_with_a_two_letter_weekday(client, meeting):
    page = client.get(reverse("reception:desk")).content.decode()

    assert "чт, 03.12.2026" in page
    assert "Чет" not in page


def test_the_citizen_reads_the_day_the_way_the_official_does(client, meeting):
    client.force_login(meeting.author)

    page = client.get(reverse("reception:appointment", args=[meeting.number])).content.decode()

    assert "четвъртък, 3 декември 2026, 10:00–10:30" in page


def test_every_day_of_the_week_on_the_citizen_page_is_written_out(client, meeting):
    page = client.get(
        reverse("reception:schedule", args=[meeting.schedule.slug]), {"week": MONDAY.isoformat()}
    ).content.decode()

    for day in WEEK:
        assert f"{written_day(day)}</h3>" in page
    assert "четвъртък, 3 декември 2026</h3>" in page


def test_english_pages_write_english_dates(client, meeting):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("reception:manage", args=[meeting.number])).content.decode()

    assert "Thursday, 3 December 2026, 10:00–10:30" in page


def test_the_email_about_a_meeting_is_in_bulgarian_even_from_an_english_page(
    official, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        appointment_approve(appointment=meeting, actor=official)

    [message] = [message for message in mail.outbox if meeting.contact_email in message.to]
    assert "четвъртък, 3 декември 2026, 10:00–10:30" in message.body


def test_the_desk_abbreviates_every_weekday_the_bulgarian_way(client, official):
    schedule = ScheduleFactory(officials=[official])
    working_days = WEEK[:5]
    for day in working_days:
        book(schedule, at(day, "09:00"))

    page = client.get(reverse("reception:desk")).content.decode()

    for day in working_days:
        assert short_day(day) in page


def test_a_letter_registered_after_midnight_in_sofia_is_dated_that_day_in_the_email(
    django_capture_on_commit_callbacks,
):
    # 22:30 UTC on 31 December is 00:30 on 1 January in Sofia.
    with (
        time_machine.travel(datetime(2026, 12, 31, 22, 30, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        item = file_document()

    [message] = mail.outbox
    assert f"{item.number} от 01.01.2027" in message.body


def test_the_admin_writes_times_as_the_site_does(client, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 12, 3, 14, 30, tzinfo=SOFIA), tick=False):
        notification_queue(
            to_email="maria@example.bg",
            template="generic",
            context={"subject": "Тест", "body": "Текст"},
        )
    client.force_login(UserFactory(is_staff=True, is_superuser=True, second_factor=True))

    page = client.get("/admin/notifications/notification/").content.decode()

    assert "3 декември 2026, 14:30" in page
