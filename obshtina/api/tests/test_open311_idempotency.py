"""Open311 POST requests with an Idempotency-Key: a retry gets the first answer."""

import pytest
from django.core.cache import cache

from obshtina.api.models import Open311Token
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory

from .open311_helpers import BASE, FORMATS, errors, open311_client, read

pytestmark = pytest.mark.django_db

KEY = "2f7a3c9d-1e44-4d5c-9b1e-5d0c3f0e8a51"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def fields():
    return {
        "api_key": open311_client().api_key,
        "service_code": CategoryFactory().slug,
        "lat": "42.3371",
        "long": "23.5530",
        "description": "Счупена пейка в парка",
    }


def post(client, fmt, fields, key=KEY):
    return client.post(f"{BASE}requests.{fmt}", fields, headers={"Idempotency-Key": key})


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_retry_gets_the_first_answer_and_registers_one_report(client, fmt, fields):
    first = post(client, fmt, fields)

    again = post(client, fmt, fields)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert read(again, "service_requests")[0]["service_request_id"] == Report.objects.get().number
    assert again["Idempotent-Replayed"] == "true"
    assert Open311Token.objects.count() == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_key_with_another_request_is_409_in_the_specs_error_list(client, fmt, fields):
    post(client, fmt, fields)

    response = post(client, fmt, {**fields, "description": "Друг проблем"})

    (message,) = errors(response, status=409)
    assert "Idempotency-Key" in message
    assert Report.objects.count() == 1


def test_two_clients_with_the_same_key_register_two_reports(client, fields):
    post(client, "json", fields)
    post(client, "json", {**fields, "api_key": open311_client().api_key})
    assert Report.objects.count() == 2


def test_a_malformed_key_is_400_and_registers_nothing(client, fields):
    response = post(client, "json", fields, key="abc")
    (message,) = errors(response, status=400)
    assert "Idempotency-Key" in message
    assert not Report.objects.exists()


def test_a_request_refused_for_its_api_key_keeps_nothing_for_the_key(client, fields):
    refused = post(client, "json", {**fields, "api_key": "wrong"})
    accepted = post(client, "json", fields)
    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert "Idempotent-Replayed" not in accepted
