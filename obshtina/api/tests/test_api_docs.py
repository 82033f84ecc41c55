"""The OpenAPI schema and the interactive documentation, served by the app itself."""

import pytest

from .v1_helpers import API

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_describes_every_operation(client):
    schema = client.get(f"{API}openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/reports" in schema["paths"]
    assert "/api/v1/appointments" in schema["paths"]
    assert {"BearerToken", "SiteSession"} <= set(schema["components"]["securitySchemes"])


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
