"""POST requests are limited per IP address (settings.API_RATE_LIMIT), like the site's form."""

import pytest
from django.core.cache import cache

from obshtina.reports.models import Report

from .open311_helpers import FORMATS, errors, post_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_per_ten_minutes(settings):
    cache.clear()
    settings.API_RATE_LIMIT = "2/10m"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_third_report_within_the_window_is_refused_with_429(client, fmt):
    assert post_request(client, fmt).status_code == 200
    assert post_request(client, fmt).status_code == 200
    response = post_request(client, fmt)
    (description,) = errors(response, status=429)
    assert "Опитайте отново" in description
    assert response["Retry-After"] == "600"
    assert Report.objects.count() == 2


def test_refused_submissions_do_not_count(client):
    for _attempt in range(3):
        errors(post_request(client, "json", description=""), status=400)
    assert post_request(client, "json").status_code == 200


def test_reading_requests_is_not_limited(client):
    post_request(client, "json")
    post_request(client, "json")
    assert client.get("/open311/v2/requests.json").status_code == 200
