"""Staff sessions end after 30 idle minutes and 12 hours after logging in (settings);
citizens stay logged in as before. The clock is pinned, starting on the night
the clocks go forward in Sofia: the limits count real time, not the wall clock."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from .factories import StaffUserFactory, UserFactory
from .logins import log_in_with_code

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
START = datetime(2026, 3, 29, 2, 40, tzinfo=SOFIA)  # 03:00 becomes 04:00 in 20 minutes
STAFF_PAGE = "/registry/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_a_staff_session_survives_29_idle_minutes(client, clock):
    client.force_login(StaffUserFactory())
    client.get(STAFF_PAGE)

    clock.shift(timedelta(minutes=29))

    assert client.get(STAFF_PAGE).status_code == 200


def test_a_staff_session_ends_after_30_idle_minutes_with_a_message(client, clock):
    client.force_login(StaffUserFactory())
    client.get(STAFF_PAGE)

    clock.shift(timedelta(minutes=30, seconds=1))
    response = client.get(STAFF_PAGE)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fregistry%2F"
    login_page = client.get(response.url)
    assert "Сесията ви приключи след 30 минути без действия" in login_page.text
    assert client.get("/profile/").url.startswith("/accounts/login/")


def test_activity_keeps_it_going_but_not_beyond_12_hours(client, clock):
    client.force_login(StaffUserFactory())
    for _quarter in range(12 * 4):
        assert client.get(STAFF_PAGE).status_code == 200
        clock.shift(timedelta(minutes=15))
    assert client.get(STAFF_PAGE).status_code == 200  # exactly 12 hours

    clock.shift(timedelta(minutes=1))
    response = client.get(STAFF_PAGE)

    assert response.status_code == 302
    assert "след 12 часа работа" in client.get(response.url).text


def test_a_new_login_starts_the_12_hours_again(client, clock):
    user = StaffUserFactory()
    log_in_with_code(client, user)
    for _quarter in range(11 * 4):
        client.get(STAFF_PAGE)
        clock.shift(timedelta(minutes=15))
    client.post("/accounts/logout/")
    clock.shift(timedelta(minutes=1))
    log_in_with_code(client, user)
    for _third in range(3):  # to 12 hours and a minute after the first login
        clock.shift(timedelta(minutes=20))
        assert client.get(STAFF_PAGE).status_code == 200


def test_the_limits_are_settings(client, clock, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(StaffUserFactory())
    client.get(STAFF_PAGE)

    clock.shift(timedelta(minutes=6))

    assert client.get(STAFF_PAGE).status_code == 302


def test_the_session_cookie_lasts_no_longer_than_the_maximum_length(client, clock):
    client.force_login(StaffUserFactory())

    response = client.get(STAFF_PAGE)

    max_age = int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"])
    assert 12 * 3600 < max_age <= 12 * 3600 + 30 * 60


def test_the_api_answers_401_in_json_when_the_staff_session_is_over(client, clock):
    client.force_login(StaffUserFactory())
    client.get("/api/v1/me")

    clock.shift(timedelta(hours=1))
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "session_expired"


def test_a_citizen_stays_logged_in_as_before(client, clock):
    client.force_login(UserFactory())
    client.get("/profile/")

    clock.shift(timedelta(hours=13))

    assert client.get("/profile/").status_code == 200
