"""Every 4xx of the API is JSON with a machine code and a Bulgarian message; never a 500."""

import pytest

from obshtina.reports.tests.factories import CategoryFactory
from obshtina.reports.tests.submit_photos import photo_upload

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_unknown_address_under_the_api_is_a_json_404(client):
    response = client.get(f"{API}nyama/takova")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": "not_found", "message": "Няма такъв ресурс."}


def test_an_unsupported_method_is_a_json_405_that_names_the_allowed_ones(client):
    response = client.put(f"{API}categories")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_a_body_that_is_not_json_is_400(client):
    response = client.post(f"{API}questions", "{не е json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_json_body_of_the_wrong_shape_is_explained(client):
    response = client.post(f"{API}questions", "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_text_with_a_nul_character_is_refused_not_stored(client):
    response = client.post(
        f"{API}questions",
        {"topic": 1, "text": "въпрос\x00"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["text"] == ["Текстът съдържа непозволени знаци."]


def test_a_nul_character_in_an_address_is_404_not_a_server_error(client):
    assert client.get(f"{API}reports/С-2026%00").status_code == 404
    assert client.get(f"{API}knowledge/services/x%00y").status_code == 404


def test_a_lone_surrogate_in_json_is_refused(client):
    response = client.post(
        f"{API}questions",
        '{"topic": 1, "text": "\\ud800"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["text"] == ["Текстът съдържа непозволени знаци."]


def test_an_id_beyond_any_database_integer_is_refused(client):
    response = client.post(
        f"{API}reports",
        {
            "category": 10**30,
            "description": "Дупка на пътя пред училището",
            "lat": 42.33,
            "lng": 23.55,
        },
    )
    assert response.status_code == 400
    assert "category" in response.json()["fields"]


def test_validation_messages_say_what_is_wrong_in_the_message_too(client):
    CategoryFactory()
    response = client.post(f"{API}reports", {})
    body = response.json()
    assert body["message"] == "Полето е задължително."
    assert set(body["fields"]) == {"category", "description"}


def test_a_request_with_more_files_than_django_reads_is_a_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    photos = [photo_upload(f"{n}.jpg") for n in range(3)]
    response = client.post(
        f"{API}reports", {"description": "Дупка на пътя пред училището", "photos": photos}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_large"


def _multipart_operations() -> list[tuple[str, str]]:
    from obshtina.api.v1.api import api

    return [
        (method, path)
        for path, item in api.get_openapi_schema(path_prefix="/api/v1/")["paths"].items()
        for method, operation in item.items()
        if "multipart/form-data" in operation.get("requestBody", {}).get("content", {})
    ]


@pytest.mark.parametrize(("method", "path"), _multipart_operations())
def test_a_multipart_body_without_its_boundary_is_a_json_400(client, settings, method, path):
    settings.DEBUG = False
    response = client.generic(method.upper(), path, b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_post_to_an_unknown_address_is_a_json_404_not_a_csrf_failure():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"{API}nyama", {"a": "b"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["reports%0A", "nyama%0A/takova"])
def test_an_address_with_a_line_break_is_a_json_404(client, settings, path):
    settings.DEBUG = False
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
