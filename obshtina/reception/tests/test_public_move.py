"""The citizen moves their own meeting to another free slot ("Промени часа"), until the
schedule's cut-off; later the page gives the phone number and a forged request is refused."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification
from obshtina.organization.tests.factories import UnitFactory

from ..models import Appointment
from ..services.decisions import appointment_approve
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def official():
    return UserFactory()


@pytest.fixture
def monday():
    return next_weekday(0)


@pytest.fixture
def appointment(citizen, official, monday):
    return book(ScheduleFactory(officials=[official]), at(monday, "09:00"), author=citizen)


def move(client, appointment, key):
    return client.post(reverse("reception:move", args=[appointment.number]), {"slot": key})


def key_of(moment):
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_the_citizen_moves_the_meeting_and_sees_the_new_time(client, appointment, monday):
    number = appointment.number

    response = move(client, appointment, key_of(at(monday, "10:30")))

    assert response.status_code == 302 and response.url == appointment.get_absolute_url()
    appointment.refresh_from_db()
    assert appointment.number == number
    assert appointment.starts_at == at(monday, "10:30")
    assert appointment.ends_at == at(monday, "11:00")
    page = client.get(response.url).content.decode()
    assert "Часът на срещата е променен" in page
    assert "10:30–11:00" in page
    # The history says from → to.
    assert f"{monday:%d.%m.%Y} 09:00 → {monday:%d.%m.%Y} 10:30" in page


def test_the_old_slot_is_free_again_and_the_new_one_is_held(client, appointment, monday):
    move(client, appointment, key_of(at(monday, "10:30")))

    page = client.get(reverse("reception:move", args=[appointment.number])).content.decode()
    assert f'value="{monday:%Y-%m-%d}T09:00"' in page
    assert f'value="{monday:%Y-%m-%d}T10:30"' not in page
    assert book(appointment.schedule, at(monday, "09:00")).status == "requested"


def test_an_approved_meeting_stays_approved_and_its_officials_are_told(
    client, appointment, official, monday
):
    appointment_approve(appointment=appointment, actor=official)

    move(client, appointment, key_of(at(next_weekday(1), "14:00")))

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.APPROVED
    notices = Notification.objects.filter(user=official, template="work_notice")
    assert any(notice.subject.startswith("Преместена от гражданина среща") for notice in notices)


def test_my_meetings_and_the_meeting_page_offer_to_change_the_time(client, appointment):
    link = reverse("reception:move", args=[appointment.number])

    assert link in client.get(reverse("reception:mine")).content.decode()
    assert link in client.get(appointment.get_absolute_url()).content.decode()


def test_past_the_cutoff_the_button_is_gone_and_the_phone_is_shown(client, appointment):
    with time_machine.travel(appointment.starts_at - timedelta(hours=23), tick=False):
        page = client.get(appointment.get_absolute_url()).content.decode()
        mine = client.get(reverse("reception:mine")).content.decode()

    link = reverse("reception:move", args=[appointment.number])
    assert link not in page and link not in mine
    assert "Откажи срещата" not in page
    assert "0700 20 117" in page  # the municipality's contact centre


def test_the_phone_of_the_schedules_unit_comes_first(client, citizen, monday):
    unit = UnitFactory(phone="0722 66 200")
    appointment = book(ScheduleFactory(unit=unit), at(monday, "09:00"), author=citizen)

    with time_machine.travel(appointment.starts_at - timedelta(hours=2), tick=False):
        page = client.get(reverse("reception:move", args=[appointment.number])).content.decode()

    assert "0722 66 200" in page and 'href="tel:072266200"' in page


def test_a_forged_move_past_the_cutoff_is_refused_and_nothing_changes(client, appointment, monday):
    with time_machine.travel(appointment.starts_at - timedelta(hours=23), tick=False):
        response = move(client, appointment, key_of(at(monday, "10:30")))

    assert response.status_code == 400
    assert "вече не може да се промени или откаже онлайн" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.starts_at == at(monday, "09:00")
    assert not appointment.events.filter(action="rescheduled").exists()


def test_a_forged_cancel_past_the_cutoff_is_refused(client, appointment):
    with time_machine.travel(appointment.starts_at - timedelta(hours=3), tick=False):
        response = client.post(
            reverse("reception:cancel", args=[appointment.number]), {"reason": "Болен съм."}
        )

    assert response.status_code == 200
    assert "вече не може да се промени или откаже онлайн" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.REQUESTED


def test_the_cutoff_is_the_schedules(client, appointment, monday):
    appointment.schedule.change_cutoff_hours = 2
    appointment.schedule.save()

    with time_machine.travel(appointment.starts_at - timedelta(hours=3), tick=False):
        response = move(client, appointment, key_of(at(monday, "10:30")))

    assert response.status_code == 302


def test_a_slot_taken_meanwhile_is_explained_and_the_meeting_kept(client, appointment, monday):
    book(appointment.schedule, at(monday, "10:30"))

    response = move(client, appointment, key_of(at(monday, "10:30")))

    assert response.status_code == 400
    assert "Този час току-що беше зает" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.starts_at == at(monday, "09:00")


@pytest.mark.parametrize(
    "key, message",
    [
        ("not-a-time", "Изберете един от свободните часове."),
        ("OTHER_SCHEDULE", "Този час не е в приемното време на графика."),
        ("LUNCH", "Този час не е в приемното време на графика."),
        ("SAME", "Срещата вече е в този час."),
    ],
)
def test_a_time_that_is_no_free_slot_of_the_schedule_is_refused(
    client, appointment, monday, key, message
):
    # Another schedule receives on Monday evenings: its slot is none of this one's.
    ScheduleFactory(windows=[(0, "17:00", "19:00", 30, None, None)])
    keys = {
        "OTHER_SCHEDULE": key_of(at(monday, "17:30")),
        "LUNCH": key_of(at(monday, "12:00")),
        "SAME": key_of(appointment.starts_at),
    }

    response = move(client, appointment, keys.get(key, key))

    assert response.status_code == 400
    assert message in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.starts_at == at(monday, "09:00")


def test_someone_elses_meeting_cannot_be_moved(client, appointment, monday):
    client.force_login(UserFactory())

    assert move(client, appointment, key_of(at(monday, "10:30"))).status_code == 404
    assert client.get(reverse("reception:move", args=[appointment.number])).status_code == 404
