"""POST requests as a JSON object (as Helsinki's server takes it), with api_key in the body;
and the rate a city system posting for many citizens gets on its own key."""

import json

import pytest
from django.core.cache import cache

from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

from .open311_helpers import BASE, FORMATS, errors, open311_client, post_request, read

pytestmark = pytest.mark.django_db

KEY = "7c1d2b4e-8f90-4a1b-9c3d-2e5f6a7b8c9d"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def post_json(client, fmt: str, body, **headers):
    content = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(
        f"{BASE}requests.{fmt}", content, content_type="application/json", headers=headers
    )


def submission(**fields) -> dict:
    return {
        "api_key": open311_client().api_key,
        "service_code": CategoryFactory().slug,
        "lat": SAMOKOV[0],
        "long": SAMOKOV[1],
        "description": "Паднало дърво на тротоара",
        **fields,
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_json_object_registers_a_report_as_a_form_does(client, fmt):
    response = post_json(client, fmt, submission(first_name="Мария", email="maria@example.bg"))
    assert response.status_code == 200
    (answer,) = read(response, "service_requests")
    report = Report.objects.get()
    assert answer["service_request_id"] == report.number
    assert report.description == "Паднало дърво на тротоара"
    assert report.submitter_email == "maria@example.bg"
    assert (report.latitude, report.longitude) == SAMOKOV


def test_a_json_submission_without_api_key_is_refused_with_403(client):
    body = submission()
    del body["api_key"]
    errors(post_json(client, "json", body), status=403)
    assert not Report.objects.exists()


def test_the_api_key_in_the_address_does_not_count(client):
    body = submission()
    key = body.pop("api_key")
    response = client.post(
        f"{BASE}requests.json?api_key={key}", json.dumps(body), content_type="application/json"
    )
    errors(response, status=403)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("{not json", None),
        ("[1, 2]", None),
        ('"a text"', None),
        (b"\xff\xfe{}", None),
        ({"description": {"text": "вложено"}}, "description"),
        ({"lat": [[42.3]]}, "lat"),
    ],
)
def test_a_body_that_is_not_a_flat_json_object_is_a_400(client, body, name):
    if isinstance(body, dict):
        body = submission(**body)
    (description,) = errors(post_json(client, "json", body), status=400)
    if name:
        assert description.startswith(f"{name}:")
    else:
        assert "JSON" in description
    assert not Report.objects.exists()


def test_bad_fields_in_json_are_named_as_in_a_form(client):
    descriptions = errors(post_json(client, "json", submission(lat=95, description="")), status=400)
    assert sorted(text.split(":")[0] for text in descriptions) == ["description", "lat"]


def test_a_json_retry_with_the_same_idempotency_key_registers_one_report(client):
    body = submission()
    first = post_json(client, "json", body, **{"Idempotency-Key": KEY})
    again = post_json(client, "json", body, **{"Idempotency-Key": KEY})
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1


def test_a_client_with_its_own_rate_is_counted_by_its_key_not_by_address(client, settings):
    settings.API_RATE_LIMIT = "1/10m"
    city_system = open311_client(rate_limit="3/1h")
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        response = post_request(client, "json", api_key=city_system.api_key, remote_addr=address)
        assert response.status_code == 200
    refused = post_request(client, "json", api_key=city_system.api_key, remote_addr="10.0.0.3")
    (description,) = errors(refused, status=429)
    assert "api_key" in description
    assert refused["Retry-After"] == "3600"
    assert Report.objects.count() == 3


def test_a_client_without_its_own_rate_is_counted_by_address(client, settings):
    settings.API_RATE_LIMIT = "1/10m"
    app = open311_client()
    assert post_request(client, "json", api_key=app.api_key).status_code == 200
    errors(post_request(client, "json", api_key=app.api_key), status=429)


def test_one_clients_rate_is_not_used_up_by_another(client, settings):
    first, second = open311_client(rate_limit="1/1h"), open311_client(rate_limit="1/1h")
    assert post_request(client, "json", api_key=first.api_key).status_code == 200
    assert post_request(client, "json", api_key=second.api_key).status_code == 200
    errors(post_request(client, "json", api_key=first.api_key), status=429)
