"""Who may open the staff side of reception hours, tested from the outside."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory

from ..models import Appointment
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_x():
    return UserFactory(second_factor=True)


@pytest.fixture
def meeting_of_y():
    schedule_y = ScheduleFactory(officials=[UserFactory()])
    return book(schedule_y, at(next_weekday(0), "09:00"))


def test_an_official_of_another_schedule_gets_404_on_the_meeting(client, official_x, meeting_of_y):
    ScheduleFactory(officials=[official_x])
    client.force_login(official_x)

    response = client.get(reverse("reception:manage", args=[meeting_of_y.number]))

    assert response.status_code == 404


@pytest.mark.parametrize("action", ["approve", "reject", "cancel", "reschedule", "video"])
def test_an_official_of_another_schedule_gets_404_on_every_action(
    client, official_x, meeting_of_y, action
):
    ScheduleFactory(officials=[official_x])
    client.force_login(official_x)

    response = client.post(
        reverse("reception:manage", args=[meeting_of_y.number]),
        {"action": action, "reason": "x", "seen": "requested:1"},
    )

    assert response.status_code == 404
    meeting_of_y.refresh_from_db()
    assert meeting_of_y.status == Appointment.Status.REQUESTED


def test_an_official_of_another_schedule_cannot_start_its_video(client, official_x, meeting_of_y):
    ScheduleFactory(officials=[official_x])
    client.force_login(official_x)

    response = client.get(reverse("reception:video_start", args=[meeting_of_y.number]))

    assert response.status_code == 404


def test_the_desk_lists_only_the_officials_own_schedules(client, official_x, meeting_of_y):
    own = ScheduleFactory(officials=[official_x])
    own_meeting = book(own, at(next_weekday(1), "10:00"), topic="Моя тема")
    client.force_login(official_x)

    page = client.get(reverse("reception:desk")).content.decode()

    assert own_meeting.number in page
    assert meeting_of_y.number not in page


@pytest.mark.parametrize("name", ["desk", "book", "schedules", "schedule_new", "groups"])
def test_a_citizen_is_refused_every_staff_page(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(f"reception:{name}"))

    assert response.status_code == 403


def test_a_citizen_gets_404_on_their_own_meeting_s_staff_page(client):
    citizen = UserFactory()
    meeting = book(ScheduleFactory(), at(next_weekday(0), "09:00"), author=citizen)
    client.force_login(citizen)

    response = client.get(reverse("reception:manage", args=[meeting.number]))

    assert response.status_code == 403  # no reception desk at all: refused before the lookup


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("reception:desk"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_operator_can_book_but_not_open_a_meeting_to_approve_it(client, meeting_of_y):
    client.force_login(StaffUserFactory(role="operator"))

    assert client.get(reverse("reception:book")).status_code == 200
    response = client.post(
        reverse("reception:manage", args=[meeting_of_y.number]),
        {"action": "approve", "seen": f"requested:{meeting_of_y.sequence}"},
    )

    assert response.status_code == 404
    meeting_of_y.refresh_from_db()
    assert meeting_of_y.status == Appointment.Status.REQUESTED


def test_an_official_cannot_edit_schedules(client, official_x):
    schedule = ScheduleFactory(officials=[official_x])
    client.force_login(official_x)

    assert client.get(reverse("reception:schedules")).status_code == 403
    response = client.get(reverse("reception:schedule_edit", args=[schedule.slug]))
    assert response.status_code == 403


def test_a_reception_administrator_opens_any_meeting(client, meeting_of_y):
    client.force_login(StaffUserFactory(role="reception_admin"))

    response = client.get(reverse("reception:manage", args=[meeting_of_y.number]))

    assert response.status_code == 200
    assert meeting_of_y.topic in response.content.decode()


def test_the_staff_entry_appears_in_the_navigation_only_for_desk_users(client, official_x):
    ScheduleFactory(officials=[official_x])
    client.force_login(UserFactory())
    assert "Приемно време (служители)" not in client.get(reverse("core:home")).content.decode()

    client.force_login(official_x)
    assert "Приемно време (служители)" in client.get(reverse("core:home")).content.decode()
