"""The OpenAPI schema and the interactive documentation, served by the app itself."""

import json

import pytest

from .v1_helpers import API

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_describes_every_operation(client):
    schema = client.get(f"{API}openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/reports" in schema["paths"]
    assert "/api/v1/appointments" in schema["paths"]
    assert {"BearerToken", "SiteSession"} <= set(schema["components"]["securitySchemes"])


def test_no_object_of_the_schema_names_a_key_twice(client):
    """Swagger UI refuses such a schema, and JSON readers silently keep one of the two."""
    repeated = []

    def remember_repeats(pairs):
        keys = [key for key, _value in pairs]
        repeated.extend({key for key in keys if keys.count(key) > 1})
        return dict(pairs)

    json.loads(client.get(f"{API}openapi.json").content, object_pairs_hook=remember_repeats)
    assert repeated == []


def test_a_creating_operation_still_describes_what_it_returns(client):
    created = client.get(f"{API}openapi.json").json()["paths"]["/api/v1/reports"]["post"]
    answer = created["responses"]["201"]
    assert "schema" in answer["content"]["application/json"]
    assert "Idempotent-Replayed" in answer["headers"]


def test_the_interactive_docs_load_swagger_ui_from_our_static_files_not_a_cdn(client):
    response = client.get(f"{API}docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_the_root_of_the_api_points_to_the_documentation(client):
    body = client.get(API).json()
    assert body == {
        "docs": "http://testserver/api/v1/docs",
        "openapi": "http://testserver/api/v1/openapi.json",
    }
