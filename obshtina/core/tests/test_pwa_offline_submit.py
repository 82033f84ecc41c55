"""A report the device kept offline is sent later to the same form, asking for JSON:
it gets the receipt (or the errors), and a retry whose answer was lost files nothing twice."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory
from obshtina.reports.tests.submit_photos import photo_upload

pytestmark = pytest.mark.django_db

URL = reverse("reports:submit")
KEY = "0f8c1c7e-1b7e-4a8b-9a5e-2d7f3c9b1e44"
AS_JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data():
    return {
        "category": CategoryFactory(name="Улично осветление").pk,
        "description": "Изгоряла лампа на ул. Рила",
        "latitude": "42.3371",
        "longitude": "23.5530",
        "submission_key": KEY,
    }


def test_the_device_gets_the_receipt_of_its_report_as_json(client, data):
    response = client.post(URL, {**data, "photos": [photo_upload()]}, **AS_JSON)

    report = Report.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "kind": "report",
        "number": report.number,
        "title": "Улично осветление",
        "url": report.get_absolute_url(),
        "access_url": report.get_access_url(),
        "submitted_url": reverse("reports:submitted", args=[report.access_token]),
    }
    assert report.photos.count() == 1


def test_a_retry_of_the_same_submission_gets_the_first_receipt_and_files_nothing_new(client, data):
    first = client.post(URL, data, **AS_JSON).json()

    again = client.post(URL, data, **AS_JSON)

    assert again.json() == first
    assert Report.objects.count() == 1


def test_a_form_sent_again_after_a_lost_answer_leads_to_the_first_receipt(client, data):
    client.post(URL, data)

    response = client.post(URL, data)

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:submitted", args=[report.access_token])


def test_different_submissions_are_different_reports(client, data):
    client.post(URL, data, **AS_JSON)
    client.post(URL, {**data, "submission_key": KEY.replace("0f8c", "aaaa")}, **AS_JSON)

    assert Report.objects.count() == 2


def test_a_report_the_server_cannot_accept_gets_its_errors_in_bulgarian(client, data):
    response = client.post(URL, {**data, "latitude": "", "longitude": ""}, **AS_JSON)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "field": "latitude",
                "message": "Географска ширина: Отбележете мястото на картата или изберете "
                "населено място.",
            }
        ]
    }
    assert not Report.objects.exists()


def test_too_many_reports_from_one_connection_get_429_to_try_later(client, data, settings):
    settings.REPORT_RATE_LIMIT = "1/10m"
    client.post(URL, data, **AS_JSON)

    response = client.post(URL, {**data, "submission_key": KEY.replace("0f8c", "bbbb")}, **AS_JSON)

    assert response.status_code == 429
    assert "много сигнали" in response.json()["errors"][0]["message"]


def test_the_device_sends_with_a_fresh_token_from_the_token_endpoint(data):
    client = Client(enforce_csrf_checks=True)
    token = client.get(reverse("core:csrf")).json()["token"]

    response = client.post(
        URL, {**data, "csrfmiddlewaretoken": token}, HTTP_X_CSRFTOKEN=token, **AS_JSON
    )

    assert response.status_code == 201


def test_the_outbox_sends_its_key_as_idempotency_key_and_gets_the_pages_first_receipt(data):
    """The page's form (key in a field) reached the server but its answer was lost; the
    device sends the same form again with the key as a header and a fresh CSRF token."""
    client = Client(enforce_csrf_checks=True)
    token = client.get(reverse("core:csrf")).json()["token"]
    page_form = {**data, "csrfmiddlewaretoken": token, "website": ""}
    client.post(URL, page_form, HTTP_X_CSRFTOKEN=token)
    token = client.get(reverse("core:csrf")).json()["token"]
    outbox = {name: value for name, value in data.items() if name != "submission_key"}

    response = client.post(
        URL,
        {**outbox, "csrfmiddlewaretoken": token},
        HTTP_X_CSRFTOKEN=token,
        HTTP_IDEMPOTENCY_KEY=KEY,
        **AS_JSON,
    )

    report = Report.objects.get()
    assert response.status_code == 201
    assert response["Idempotent-Replayed"] == "true"
    assert response.json()["number"] == report.number


def test_the_same_key_with_other_data_is_refused_and_the_device_hears_why(client, data):
    client.post(URL, data, **AS_JSON)

    response = client.post(URL, {**data, "description": "Друг проблем"}, **AS_JSON)

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"
    assert "вече беше изпратен с други данни" in response.json()["errors"][0]["message"]
    assert Report.objects.count() == 1


def test_the_same_key_with_other_data_shows_the_form_again_with_what_was_typed(client, data):
    client.post(URL, data)

    response = client.post(URL, {**data, "description": "Друг проблем"})

    assert response.status_code == 409
    assert "вече беше изпратен с други данни" in response.content.decode()
    assert "Друг проблем" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_users_key_is_not_an_anonymous_one(client, data):
    client.post(URL, data, **AS_JSON)
    client.force_login(UserFactory())

    response = client.post(URL, data, **AS_JSON)

    assert response.status_code == 201
    assert Report.objects.count() == 2


def test_a_malformed_submission_key_is_refused_and_files_nothing(client, data):
    response = client.post(URL, {**data, "submission_key": "x"}, **AS_JSON)

    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"
    assert not Report.objects.exists()


def test_a_form_without_a_key_is_filed_each_time_it_is_sent(client, data):
    del data["submission_key"]
    client.post(URL, data, **AS_JSON)
    client.post(URL, data, **AS_JSON)

    assert Report.objects.count() == 2
