"""Property tests of Open311 against the GeoReport v2 description (schemathesis).

``georeport-v2.openapi.yaml`` describes the endpoints as the specification does, with
the format as a ``{format}`` extension; here every operation is fuzzed once per format
(``services.xml`` and ``services.json`` are two operations), with requests valid and
invalid, undeclared methods and broken content types (the coverage phase), and each
again with a real api_key, service code, number and token so the services behind are
reached. Every answer must be no server error, in the content type of its format, a
JSON body that matches the description, and every error the spec's list (JSON
``[{code, description}]``, XML ``<errors>``) whose codes are the HTTP status; a 405
must say ``Allow``. Bounded: 25 examples per operation, about a minute on two cores.
"""

import copy
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import schemathesis
import yaml
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

import obshtina.api.open311
from obshtina.api.models import Open311Token
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory, submit_report
from obshtina.reports.tests.submit_photos import jpeg_bytes

from .fuzzing import HYPOTHESIS_SETTINGS, put_known_values
from .open311_helpers import open311_client

DESCRIPTION = Path(obshtina.api.open311.__file__).parent / "georeport-v2.openapi.yaml"
FORMATS = {"xml": "text/xml", "json": "application/json"}
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# Dates as clients send them, days apart (the spec's window is 90 days), with offsets at
# the edges of what clocks use (-12:00…+14:00), of what PostgreSQL stores (±15:59) and of
# what ISO 8601 writes (±23:59). Values of other shapes come from the negative mode.
W3C_DATETIME = "georeport-date-time"
OFFSET_HOURS = [0, 2, 12, 14, 15, 16, 23]
schemathesis.openapi.format(
    W3C_DATETIME,
    st.builds(
        "{}T{:02d}:{:02d}:00{}".format,
        st.dates(date(2026, 1, 1), date(2026, 2, 28)),
        st.integers(0, 23),
        st.integers(0, 59),
        st.just("Z")
        | st.builds(
            "{}{:02d}:{:02d}".format,
            st.sampled_from("+-"),
            st.sampled_from(OFFSET_HOURS),
            st.sampled_from([0, 30, 59]),
        ),
    ),
)


def one_operation_per_format(description: dict) -> dict:
    """``/services.{format}`` → ``/services.xml`` and ``/services.json``, each declaring
    only its own media type, so that both formats are fuzzed alike and checked strictly."""
    expanded = copy.deepcopy(description)
    expanded["paths"] = {}
    for path, item in description["paths"].items():
        for fmt, media_type in FORMATS.items():
            operations = copy.deepcopy(item)
            for operation in operations.values():
                operation["operationId"] += f"-{fmt}"
                operation["parameters"] = _with_w3c_dates(
                    [
                        parameter
                        for parameter in operation.get("parameters", [])
                        if parameter != {"$ref": "#/components/parameters/format"}
                    ]
                )
                for response in operation["responses"].values():
                    if "content" in response:
                        response["content"] = {media_type: response["content"][media_type]}
                    else:  # a $ref to the shared error list
                        response.clear()
                        response.update(_errors_response(media_type))
            expanded["paths"][path.replace("{format}", fmt)] = operations
    return expanded


def _with_w3c_dates(parameters: list) -> list:
    for parameter in parameters:
        if parameter.get("schema", {}).get("format") == "date-time":
            parameter["schema"] = {"type": "string", "format": W3C_DATETIME}
    return parameters


def _errors_response(media_type: str) -> dict:
    errors = {"schema": {"$ref": "#/components/schemas/Errors"}}
    body = errors if media_type == FORMATS["json"] else {}
    return {"description": "The spec's error list.", "content": {media_type: body}}


def _load() -> schemathesis.BaseSchema:
    description = yaml.safe_load(DESCRIPTION.read_text(encoding="utf-8"))
    loaded = schemathesis.openapi.from_dict(one_operation_per_format(description))
    loaded.app = get_wsgi_application()
    return loaded


schema = _load()


def _format_of(response) -> str:
    return "json" if urlsplit(response.request.url).path.endswith(".json") else "xml"


def content_type_of_the_format(ctx, response, case):
    """Every answer in the format its address asks for; XML well-formed, with the declaration."""
    fmt = _format_of(response)
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type == CONTENT_TYPES[fmt], f"{content_type!r} for a .{fmt} address"
    if fmt == "xml" and response.request.method != "HEAD":
        assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        ET.fromstring(response.content)


def errors_in_the_spec_format(ctx, response, case):
    """An error is the spec's list of {code, description}, each code the HTTP status."""
    if response.status_code < 400 or response.request.method == "HEAD":
        return
    if _format_of(response) == "json":
        errors = json.loads(response.content)
        assert isinstance(errors, list) and errors, errors
        assert all(set(error) == {"code", "description"} for error in errors), errors
        codes = [error["code"] for error in errors]
        descriptions = [error["description"] for error in errors]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors" and len(root), response.content
        assert all(error.tag == "error" for error in root)
        codes = [int(error.findtext("code")) for error in root]
        descriptions = [error.findtext("description") for error in root]
    assert codes == [response.status_code] * len(codes), codes
    assert all(isinstance(text, str) and text for text in descriptions), descriptions


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    unsupported_method,
    content_type_of_the_format,
    errors_in_the_spec_format,
]


@dataclass
class World:
    """Real values by operation, to put in place of random ones."""

    values: dict[str, dict[str, object]]

    def known(self, case) -> bool:
        """Put real values into `case`; False if it has none."""
        operation = case.operation.definition.raw["operationId"].rsplit("-", 1)[0]
        return put_known_values(case, self.values.get(operation, {}))


@pytest.fixture
def world(db, settings, wsgi_in_test_transaction) -> World:
    settings.API_RATE_LIMIT = "100000/1m"
    cache.clear()
    category = CategoryFactory(slug="dupki")
    report = submit_report(category=category)
    token = Open311Token.objects.create(report=report)
    return World(
        values={
            "submitRequest": {
                "api_key": open311_client().api_key,
                "service_code": category.slug,
                "lat": SAMOKOV[0],
                "long": SAMOKOV[1],
                "media": jpeg_bytes((64, 48)),
            },
            "serviceDefinition": {"service_code": category.slug},
            "requests": {"service_code": category.slug},
            "request": {"service_request_id": report.number},
            "token": {"token": token.token},
        }
    )


# GET requests.{format} has the most free-form parameters (dates, lists): more examples.
SEARCHES = {"method": "GET", "operation_id_regex": "^requests-"}


def call_and_validate(case, world):
    """The generated request as it is, and again with real values in it."""
    case.call_and_validate(checks=CHECKS)
    if world.known(case):
        case.call_and_validate(checks=CHECKS)


@schema.exclude(**SEARCHES).parametrize()
@hypothesis_settings(max_examples=25, **HYPOTHESIS_SETTINGS)
def test_open311_answers_every_request_in_the_spec_format(case, world):
    call_and_validate(case, world)


@schema.include(**SEARCHES).parametrize()
@hypothesis_settings(max_examples=150, **HYPOTHESIS_SETTINGS)
def test_open311_answers_every_search_in_the_spec_format(case, world):
    call_and_validate(case, world)
