"""A citizen asks for a slot: the form, its messages, and what happens when the
slot cannot be had."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.tests.written_dates import written_day

from ..models import Appointment
from ..selectors import alternative_slots
from ..slots import SOFIA
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


def request_url(schedule, day, hhmm: str) -> str:
    return reverse("reception:request", args=[schedule.slug, f"{day.isoformat()}T{hhmm}"])


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def schedule():
    return ScheduleFactory(title="Главен архитект")


def test_the_form_shows_the_chosen_slot_and_asks_for_topic_document_and_video(
    client, citizen, schedule
):
    monday = next_weekday(0)

    page = client.get(request_url(schedule, monday, "09:30")).content.decode()

    assert f"{written_day(monday)}, 09:30–10:00" in page
    assert "Тема на срещата" in page
    assert "номер на документ/преписка, по която искате среща" in page.lower()
    assert "Желая видеоконсултация" in page


def test_the_video_wish_is_not_offered_where_the_schedule_has_no_video(client, citizen):
    schedule = ScheduleFactory(offers_video=False)

    page = client.get(request_url(schedule, next_weekday(0), "09:30")).content.decode()

    assert "Желая видеоконсултация" not in page


def test_a_request_creates_the_meeting_and_emails_a_calendar_invitation(
    client, citizen, schedule, django_capture_on_commit_callbacks
):
    monday = next_weekday(0)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            request_url(schedule, monday, "09:30"),
            {"topic": "Виза за проектиране", "document_number": "УТ-2026-17", "wants_video": "on"},
        )

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response.url == appointment.get_absolute_url()
    assert appointment.author == citizen and appointment.starts_at == at(monday, "09:30")
    assert appointment.topic == "Виза за проектиране"
    assert appointment.document_number == "УТ-2026-17" and appointment.wants_video
    message = mail.outbox[-1]
    assert message.to == [citizen.email]
    ics = next(content for name, content, _ in message.attachments if name.endswith(".ics"))
    assert "METHOD:REQUEST" in ics
    page = client.get(response.url).content.decode()
    assert "Заявката е изпратена; ще получите имейл, когато бъде одобрена" in page


def test_a_missing_topic_is_asked_for_and_nothing_typed_is_lost(client, citizen, schedule):
    response = client.post(
        request_url(schedule, next_weekday(0), "09:30"),
        {"topic": "  ", "document_number": "УТ-2026-17", "wants_video": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Напишете темата на срещата." in page
    assert 'value="УТ-2026-17"' in page
    assert 'aria-describedby="id_topic_helptext id_topic_error"' in page
    assert not Appointment.objects.exists()


def test_a_slot_taken_meanwhile_is_explained_with_the_current_free_slots_of_that_week(
    client, citizen, schedule
):
    monday = next_weekday(0)
    book(schedule, at(monday, "09:30"))  # someone else was faster

    response = client.post(
        request_url(schedule, monday, "09:30"),
        {"topic": "Виза за проектиране", "document_number": "УТ-2026-17"},
    )

    page = response.content.decode()
    assert "Този час току-що беше зает. Изберете друг свободен час." in page
    assert 'name="slot" value="' + f"{monday.isoformat()}T10:00" + '"' in page
    assert 'name="slot" value="' + f"{monday.isoformat()}T09:30" + '"' not in page
    assert "Виза за проектиране" in page and 'value="УТ-2026-17"' in page
    assert Appointment.objects.count() == 1


def test_one_click_on_another_free_slot_books_it_with_what_was_typed(client, citizen, schedule):
    monday = next_weekday(0)
    book(schedule, at(monday, "09:30"))

    response = client.post(
        request_url(schedule, monday, "09:30"),
        {"topic": "Виза за проектиране", "slot": f"{monday.isoformat()}T10:00"},
    )

    mine = Appointment.objects.get(author=citizen)
    assert response.status_code == 302
    assert mine.starts_at == at(monday, "10:00") and mine.topic == "Виза за проектиране"


def test_enter_in_a_field_while_choosing_another_slot_books_nothing(client, citizen, schedule):
    monday = next_weekday(0, weeks_ahead=3)  # a later week than this one
    book(schedule, at(monday, "09:30"))

    response = client.post(request_url(schedule, monday, "09:30"), {"topic": "Виза", "slot": ""})

    page = response.content.decode()
    assert "Изберете един от свободните часове." in page
    assert not Appointment.objects.filter(author=citizen).exists()
    # The slots offered are still those of the week the citizen chose, not this week's.
    assert 'name="slot" value="' + f"{monday.isoformat()}T10:00" + '"' in page


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("2020-01-06T09:00", "Този час вече е минал"),
        ("nonsense", "Няма такъв час в графика"),
        ("0001-01-01T00:00", "Този час вече е минал"),
        ("9999-12-31T23:30", "Още не се записва за толкова напред"),
        ("{monday}T12:00", "не е в приемното време"),  # the lunch break
        ("{monday}T09:10", "не е в приемното време"),
    ],
)
def test_a_slot_that_cannot_be_booked_gets_a_clear_message_and_other_slots(
    client, citizen, schedule, key, message
):
    url = reverse(
        "reception:request", args=[schedule.slug, key.format(monday=next_weekday(0).isoformat())]
    )

    for response in (client.get(url), client.post(url, {"topic": "Виза"})):
        page = response.content.decode()
        assert response.status_code == 200
        assert message in page
        assert 'name="slot" value="' in page  # free slots offered instead
    assert not Appointment.objects.exists()


def test_a_public_holiday_is_refused_with_a_clear_message(client, citizen, schedule, settings):
    from obshtina.core.dates import public_holidays

    settings.RECEPTION_BOOKING_HORIZON_DAYS = 400
    today = timezone.localdate()
    holiday = min(
        day
        for day in public_holidays(today.year) | public_holidays(today.year + 1)
        if day > today + timedelta(days=1) and day.weekday() < 5
    )

    response = client.post(request_url(schedule, holiday, "10:00"), {"topic": "Виза"})

    assert "официален празник" in response.content.decode()
    assert not Appointment.objects.exists()


def test_an_unconfirmed_email_is_told_how_to_confirm_and_gets_no_form(client, schedule):
    user = UserFactory(verified=False)
    client.force_login(user)
    url = request_url(schedule, next_weekday(0), "09:30")

    page = client.get(url).content.decode()
    client.post(url, {"topic": "Виза"})

    assert "Потвърдете имейла си, за да запазите час" in page
    assert reverse("account_email") in page and 'name="action_send"' in page
    assert "Тема на срещата" not in page
    assert not Appointment.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, schedule):
    url = request_url(schedule, next_weekday(0), "09:30")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url and schedule.slug in response.url


def test_the_pending_limit_is_explained(client, citizen, schedule, settings):
    settings.RECEPTION_MAX_PENDING = 1
    monday = next_weekday(0)
    book(schedule, at(monday, "09:00"), author=citizen)

    response = client.post(request_url(schedule, monday, "10:00"), {"topic": "Виза"})

    page = response.content.decode()
    assert "Имате 1 заявка, която чака одобрение" in page
    assert reverse("reception:mine") in page
    assert "Виза</textarea>" in page
    assert Appointment.objects.filter(author=citizen).count() == 1


def test_an_unknown_schedule_is_not_found(client, citizen):
    response = client.get(reverse("reception:request", args=["nyama-takav", "2030-01-07T09:00"]))

    assert response.status_code == 404


def test_a_slot_past_the_horizon_is_offered_the_last_bookable_week_even_at_midnight():
    """Thursday 3 December 2026, 00:04 in Sofia: the 60 days' horizon ends on Monday
    1 February 2027 at 00:04, before that week's first slot; the offer is the week before."""
    schedule = ScheduleFactory(valid_from=date(2026, 1, 1))
    now = datetime(2026, 12, 3, 0, 4, tzinfo=SOFIA)
    days = alternative_slots(schedule, around=datetime(9999, 12, 31, 23, 30, tzinfo=SOFIA), now=now)
    assert [day.day for day in days] == [date(2027, 1, day) for day in range(25, 30)]
