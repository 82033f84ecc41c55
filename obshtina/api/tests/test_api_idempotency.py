"""A retry with the same Idempotency-Key gets the first answer and files nothing twice."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.models import IdempotentRequest
from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.reception.models import Appointment
from obshtina.reception.tests.factories import ScheduleFactory, at, next_weekday
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory, UnitFactory
from obshtina.reports.tests.submit_photos import jpeg_bytes, photo_upload

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db

KEY = "5d0c3f0e-8a51-4d5c-9b1e-2f7a3c9d1e44"
OTHER_KEY = "9b1e2f7a-3c9d-4e44-8a51-5d0c3f0e4d5c"
# A Tuesday noon in Sofia, away from month ends and DST changes.
NOON = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def category():
    return CategoryFactory()


def submit(client, category, *, key=KEY, headers=None, photos=(), **fields):
    data = {
        "category": category.pk,
        "description": "Паднало дърво на тротоара",
        "lat": SAMOKOV[0],
        "lng": SAMOKOV[1],
        **fields,
    }
    if photos:
        data["photos"] = list(photos)
    sent_headers = {**(headers or {}), **({"Idempotency-Key": key} if key else {})}
    return client.post(f"{API}reports", data, headers=sent_headers)


def test_a_retry_gets_the_first_answer_marked_as_replayed_and_files_one_report(client, category):
    first = submit(client, category, photos=[photo_upload()])

    again = submit(client, category, photos=[photo_upload()])

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Report.objects.count() == 1
    assert Report.objects.get().photos.count() == 1


def test_the_key_may_be_sent_as_a_quoted_string_as_the_ietf_draft_writes_it(client, category):
    first = submit(client, category)
    again = submit(client, category, key=f'"{KEY}"')
    assert again.json() == first.json()
    assert Report.objects.count() == 1


def test_the_same_key_with_another_report_is_refused_with_409(client, category):
    submit(client, category)

    response = submit(client, category, description="Съвсем друг проблем")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"
    assert "нов ключ" in response.json()["message"]
    assert Report.objects.count() == 1


def test_the_same_photos_count_by_their_content_not_their_file_names(client, category):
    first = submit(client, category, photos=[photo_upload("IMG_1.jpg")])
    again = submit(client, category, photos=[photo_upload("photo.jpg")])
    assert again.json() == first.json()


def test_another_photo_makes_it_another_request(client, category):
    submit(client, category, photos=[photo_upload()])
    response = submit(client, category, photos=[photo_upload("1.jpg", jpeg_bytes((800, 600)))])
    assert response.status_code == 409


def test_without_the_header_every_post_files_a_report(client, category):
    submit(client, category, key=None)
    submit(client, category, key=None)
    assert Report.objects.count() == 2


@pytest.mark.parametrize("key", ["short", "x" * 256, "ключ-на-кирилица-0123456789", "a b" * 8, ""])
def test_a_malformed_key_is_refused_with_400_and_files_nothing(client, category, key):
    response = submit(client, category, headers={"Idempotency-Key": key}, key=None)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "idempotency_key_invalid"
    assert "от 16 до 255 знака" in body["fields"]["Idempotency-Key"][0]
    assert not Report.objects.exists()


def test_two_users_with_the_same_key_file_two_reports(client, category):
    maria, ivan = bearer(UserFactory()), bearer(UserFactory())

    first = submit(client, category, headers=maria)
    second = submit(client, category, headers=ivan)

    assert first.status_code == second.status_code == 201
    assert first.json()["number"] != second.json()["number"]
    assert "Idempotent-Replayed" not in second


def test_a_users_token_and_session_share_the_users_keys(client, category):
    user = UserFactory()
    first = submit(client, category, headers=bearer(user))
    client.force_login(user)

    again = submit(client, category)

    assert again.json() == first.json()
    assert Report.objects.count() == 1


def test_an_anonymous_key_is_not_a_signed_in_users(client, category):
    submit(client, category)
    response = submit(client, category, headers=bearer(UserFactory()))
    assert response.status_code == 201
    assert Report.objects.count() == 2


def test_after_a_day_the_key_is_free_again(client, category):
    with time_machine.travel(NOON, tick=False):
        first = submit(client, category)
    with time_machine.travel(NOON + timedelta(hours=23, minutes=59), tick=False):
        assert submit(client, category).json() == first.json()
    with time_machine.travel(NOON + timedelta(hours=24, minutes=1), tick=False):
        later = submit(client, category)

    assert later.status_code == 201
    assert "Idempotent-Replayed" not in later
    assert Report.objects.count() == 2


def test_the_lifetime_of_keys_is_a_setting(client, category, settings):
    settings.IDEMPOTENCY_KEY_HOURS = 1
    with time_machine.travel(NOON, tick=False):
        submit(client, category)
    with time_machine.travel(NOON + timedelta(hours=1, minutes=1), tick=False):
        submit(client, category)
    assert Report.objects.count() == 2


def test_a_refused_report_is_not_stored_so_the_corrected_one_goes_through(client, category):
    refused = submit(client, category, lat=10.0, lng=10.0)

    corrected = submit(client, category)

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert "Idempotent-Replayed" not in corrected
    assert Report.objects.count() == 1


def test_a_replay_does_not_count_against_the_anonymous_rate_limit(client, category, settings):
    settings.API_RATE_LIMIT = "2/10m"
    first = submit(client, category)

    replays = [submit(client, category) for _ in range(3)]
    second = submit(client, category, key=OTHER_KEY)
    third = submit(client, category, key="0" * 32)

    assert [response.status_code for response in replays] == [201, 201, 201]
    assert all(response.json() == first.json() for response in replays)
    assert second.status_code == 201
    assert third.status_code == 429
    assert Report.objects.count() == 2


def test_when_the_answer_cannot_be_stored_the_report_is_not_kept_either(
    client, category, monkeypatch
):
    """The answer and the report are one transaction: never a report without its answer."""

    def failing_save(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(IdempotentRequest, "save", failing_save)
    client.raise_request_exception = False

    response = submit(client, category)

    assert response.status_code == 500
    assert not Report.objects.exists()
    assert not IdempotentRequest.objects.exists()


def test_a_question_asked_again_with_its_key_is_one_question(client):
    topic = QuestionTopic.objects.create(name="Местни данъци", unit=UnitFactory())
    payload = {"topic": topic.pk, "text": "Кога изтича срокът?", "email": "petar@example.bg"}

    def ask(text=payload["text"]):
        return client.post(
            f"{API}questions",
            {**payload, "text": text},
            content_type="application/json",
            headers={"Idempotency-Key": KEY},
        )

    first, again, other = ask(), ask(), ask("Друг въпрос")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert other.status_code == 409
    assert Question.objects.count() == 1


def test_a_replayed_appointment_request_gets_the_first_201_not_slot_taken(client):
    user = UserFactory()
    schedule = ScheduleFactory()
    start = at(next_weekday(1), "10:00").astimezone(UTC).isoformat()
    headers = {**bearer(user), "Idempotency-Key": KEY}

    def request_meeting():
        return client.post(
            f"{API}appointments",
            {"schedule": schedule.slug, "start": start, "topic": "Разрешение за строеж"},
            content_type="application/json",
            headers=headers,
        )

    first = request_meeting()
    again = request_meeting()

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Appointment.objects.filter(author=user).count() == 1


def test_an_appointment_request_without_sign_in_is_401_and_keeps_nothing(client):
    response = client.post(
        f"{API}appointments",
        {"schedule": ScheduleFactory().slug, "start": "2026-03-10T10:00", "topic": "Среща"},
        content_type="application/json",
        headers={"Idempotency-Key": KEY},
    )
    assert response.status_code == 401
    assert not IdempotentRequest.objects.exists()


def test_the_schema_documents_the_header_on_the_creating_operations(client):
    paths = client.get(f"{API}openapi.json").json()["paths"]

    for path in ("/api/v1/reports", "/api/v1/questions", "/api/v1/appointments"):
        operation = paths[path]["post"]
        names = [parameter["name"] for parameter in operation.get("parameters", [])]
        assert "Idempotency-Key" in names, path
        assert "Idempotent-Replayed" in operation["responses"]["201"]["headers"], path
        assert "409" in operation["responses"], path
    assert "Idempotency-Key" not in str(paths["/api/v1/my/subscriptions"])


def test_expired_keys_are_pruned_by_a_command(client, category):
    with time_machine.travel(NOON, tick=False):
        submit(client, category)
    with time_machine.travel(NOON + timedelta(hours=12), tick=False):
        submit(client, category, key=OTHER_KEY)
    with time_machine.travel(NOON + timedelta(hours=25), tick=False):
        call_command("prune_idempotency_keys", verbosity=0)

    assert IdempotentRequest.objects.count() == 1
    assert Report.objects.count() == 2


def test_a_body_django_will_not_read_is_still_a_json_400_with_a_key(client, category, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    photos = [photo_upload(f"{n}.jpg") for n in range(3)]

    response = submit(client, category, photos=photos)

    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
    assert not IdempotentRequest.objects.exists()
