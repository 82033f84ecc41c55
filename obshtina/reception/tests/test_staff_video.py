"""The official starts the video meeting from the meeting's page."""

from urllib.error import URLError
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from ..services.decisions import appointment_approve
from ..video import bigbluebutton_checksum
from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db

BBB = "https://bbb.samokov.bg/bigbluebutton"


@pytest.fixture
def official(client):
    user = UserFactory(second_factor=True)
    client.force_login(user)
    return user


@pytest.fixture
def bbb(settings):
    settings.VIDEO_PROVIDER = "bigbluebutton"
    settings.BBB_URL = BBB
    settings.BBB_SECRET = "tajna"


def approved_meeting(official, **approval):
    schedule = ScheduleFactory(officials=[official])
    meeting = book(schedule, at(next_weekday(0), "09:00"), wants_video=True)
    return appointment_approve(appointment=meeting, actor=official, **approval)


class FakeResponse:
    def __init__(self, body: bytes):
        self.body = body

    def read(self, size=-1):
        return self.body

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_bigbluebutton_is_created_then_the_official_joins_as_moderator(
    client, official, bbb, monkeypatch
):
    meeting = approved_meeting(official, generate_video=True)
    calls = []

    def fake_urlopen(url, timeout):
        calls.append((url, timeout))
        return FakeResponse(b"<response><returncode>SUCCESS</returncode></response>")

    monkeypatch.setattr("obshtina.reception.views.staff.urlopen", fake_urlopen)

    response = client.get(reverse("reception:video_start", args=[meeting.number]))

    [(create_url, timeout)] = calls
    assert create_url.startswith(f"{BBB}/api/create?") and timeout <= 10
    assert parse_qs(urlsplit(create_url).query)["meetingID"] == [str(meeting.uid)]
    assert response.status_code == 302
    join = urlsplit(response["Location"])
    assert f"{join.scheme}://{join.netloc}{join.path}" == f"{BBB}/api/join"
    query, checksum = join.query.rsplit("&checksum=", 1)
    assert checksum == bigbluebutton_checksum("join", query, "tajna")
    params = parse_qs(query)
    assert params["role"] == ["MODERATOR"] and params["meetingID"] == [str(meeting.uid)]


def test_an_unreachable_bigbluebutton_gives_a_message_not_an_error(
    client, official, bbb, monkeypatch
):
    meeting = approved_meeting(official, generate_video=True)

    def fake_urlopen(url, timeout):
        raise URLError("timed out")

    monkeypatch.setattr("obshtina.reception.views.staff.urlopen", fake_urlopen)

    response = client.get(reverse("reception:video_start", args=[meeting.number]), follow=True)

    assert response.status_code == 200
    assert "Сървърът за видеосрещи не отговори" in response.content.decode()


def test_a_refused_create_gives_a_message(client, official, bbb, monkeypatch):
    meeting = approved_meeting(official, generate_video=True)
    monkeypatch.setattr(
        "obshtina.reception.views.staff.urlopen",
        lambda url, timeout: FakeResponse(b"<response><returncode>FAILED</returncode></response>"),
    )

    response = client.get(reverse("reception:video_start", args=[meeting.number]))

    assert response["Location"] == reverse("reception:manage", args=[meeting.number])


def test_a_jitsi_room_is_simply_opened(client, official, settings):
    settings.VIDEO_PROVIDER = "jitsi"
    settings.VIDEO_URL_TEMPLATE = "https://video.samokov.bg/{room}"
    meeting = approved_meeting(official, generate_video=True)

    response = client.get(reverse("reception:video_start", args=[meeting.number]))

    assert response.status_code == 302
    assert response["Location"] == meeting.video_url


def test_a_meeting_without_a_link_cannot_be_started(client, official):
    meeting = approved_meeting(official)

    response = client.get(reverse("reception:video_start", args=[meeting.number]), follow=True)

    assert "няма връзка за видеосреща" in response.content.decode()
