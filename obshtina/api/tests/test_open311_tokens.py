"""GET tokens/{token}: the registry number behind the token a POST answered with."""

import pytest
from django.core.cache import cache

from obshtina.reports.models import Report

from .open311_helpers import FORMATS, errors, get, post_request, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_token_gives_the_registry_number(client, fmt):
    cache.clear()
    (answer,) = read(post_request(client, "json"), "service_requests")
    response = get(client, f"tokens/{answer['token']}", fmt)
    assert response.status_code == 200
    assert read(response, "service_requests") == [
        {"service_request_id": Report.objects.get().number, "token": answer["token"]}
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_token_is_a_404_error(client, fmt):
    errors(get(client, "tokens/nyama-takav", fmt), status=404)


def test_the_private_access_token_of_a_report_is_not_an_open311_token(client):
    cache.clear()
    post_request(client, "json")
    errors(get(client, f"tokens/{Report.objects.get().access_token}", "json"), status=404)
