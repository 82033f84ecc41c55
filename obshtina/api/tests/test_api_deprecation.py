"""A deprecated operation says so in the schema and in every answer's headers
(RFC 9745 ``Deprecation``, RFC 8594 ``Sunset``, ``Link: rel="deprecation"``).

No operation of v1 is deprecated yet: a small API of its own carries the mark here.
"""

from datetime import UTC, datetime

import pytest
from ninja import NinjaAPI, Router
from ninja.testing import TestClient

from obshtina.api.v1.deprecation import deprecated
from obshtina.api.v1.errors import ApiError, install_handlers

from .v1_helpers import API

pytestmark = pytest.mark.django_db

SINCE = datetime(2026, 1, 1, tzinfo=UTC)
SUNSET = datetime(2026, 7, 1, tzinfo=UTC)
POLICY = "https://example.bg/README.md#api-versions"


@pytest.fixture(scope="module")
def api():
    router = Router()

    @router.get("old")
    @deprecated(since=SINCE, sunset=SUNSET, policy_url=POLICY)
    def old(request, fail: bool = False):
        """What the old way returns."""
        if fail:
            raise ApiError(400, "invalid", "Грешка.")
        return {"old": True}

    @router.get("still-old")
    @deprecated(since=SINCE)
    def still_old(request):
        return {"old": True}

    @router.get("new")
    def new(request):
        return {"new": True}

    test_api = NinjaAPI(urls_namespace="deprecation_test")
    install_handlers(test_api)
    test_api.add_router("", router)
    return test_api


def test_an_answer_of_a_deprecated_operation_says_since_when_until_when_and_where_to_read(api):
    response = TestClient(api).get("/old")
    assert response.status_code == 200
    assert response["Deprecation"] == "@1767225600"
    assert response["Sunset"] == "Wed, 01 Jul 2026 00:00:00 GMT"
    assert response["Link"] == f'<{POLICY}>; rel="deprecation"'


def test_an_error_of_a_deprecated_operation_carries_the_headers_too(api):
    response = TestClient(api).get("/old", query_params={"fail": "true"})
    assert response.status_code == 400
    assert response["Deprecation"] == "@1767225600"


def test_without_a_decided_end_there_is_no_sunset_and_the_link_leads_to_the_docs(api):
    response = TestClient(api).get("/still-old")
    assert response["Deprecation"] == "@1767225600"
    assert not response.has_header("Sunset")
    assert response["Link"] == f'<http://testlocation{API}docs>; rel="deprecation"'


def test_the_link_leads_to_the_configured_policy(api, settings):
    settings.API_VERSION_POLICY_URL = POLICY
    assert TestClient(api).get("/still-old")["Link"] == f'<{POLICY}>; rel="deprecation"'


def test_an_operation_not_deprecated_has_none_of_the_headers(api):
    response = TestClient(api).get("/new")
    assert not {"Deprecation", "Sunset", "Link"} & set(response.headers)


def test_the_schema_flags_the_operation_and_documents_its_headers(api):
    operations = api.get_openapi_schema(path_prefix="/")["paths"]
    old = operations["/old"]["get"]
    assert old["deprecated"] is True
    assert old["description"].startswith("**Deprecated** since 2026-01-01")
    assert {"Deprecation", "Sunset", "Link"} <= set(old["responses"][200]["headers"])
    assert "deprecated" not in operations["/new"]["get"]


def test_no_operation_of_v1_is_deprecated_yet(client):
    """When one is, the README's changelog says so (see "API versions")."""
    schema = client.get(f"{API}openapi.json").json()
    flagged = [
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if operation.get("deprecated")
    ]
    assert flagged == []
