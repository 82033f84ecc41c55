"""Other front ends may call the APIs from a browser only when configured to."""

import pytest

pytestmark = pytest.mark.django_db

APP = "https://app.samokov.bg"


def preflight(client, path):
    return client.options(
        path,
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )


def test_a_configured_front_end_may_call_the_api_and_open311(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]

    for path in ("/api/v1/categories", "/open311/v2/requests.json"):
        response = preflight(client, path)
        assert response["Access-Control-Allow-Origin"] == APP, path


def test_an_unknown_origin_gets_no_permission(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = client.options(
        "/api/v1/categories",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in response


def test_the_site_pages_never_allow_other_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = preflight(client, "/reports/new/")
    assert "Access-Control-Allow-Origin" not in response


def test_a_configured_front_end_may_send_an_idempotency_key_and_read_the_replay_mark(
    client, settings
):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = client.options(
        "/api/v1/reports",
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="idempotency-key, content-type",
    )
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]
    answer = client.get("/api/v1/categories", HTTP_ORIGIN=APP)
    assert "Idempotent-Replayed" in answer["Access-Control-Expose-Headers"]
