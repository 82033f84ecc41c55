"""Helpers of the Open311 tests: call an endpoint in either format and read both alike.

``read`` checks what the spec requires of every answer (UTF-8, the content type,
well-formed XML with the expected document element) and turns XML and JSON into
the same plain data: dicts, lists and strings ("true", "42.337"; "" for an
empty element or null). A test can then assert once for both formats.
"""

import json
import xml.etree.ElementTree as ET

from obshtina.api.models import Open311Client
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

BASE = "/open311/v2/"
FORMATS = ["xml", "json"]
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# Lists in XML: the container and the name of its items (the Spark convention).
LISTS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "extensions": "extension",
    "media_urls": "media_url",
    "request_history": "event",
}
# Every element the spec defines for a request in GET requests.
REQUEST_ELEMENTS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def fmt_of(response) -> str:
    return "json" if response["Content-Type"].startswith("application/json") else "xml"


def read(response, root: str):
    """The body as plain data; fails the test if it is not what the spec says."""
    fmt = fmt_of(response)
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    if fmt == "json":
        return _plain(json.loads(response.content.decode("utf-8")))
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    element = ET.fromstring(response.content)
    assert element.tag == root
    return _from_xml(element)


def errors(response, *, status: int) -> list[str]:
    """The descriptions of the spec's error list, after checking its shape and codes."""
    assert response.status_code == status
    body = read(response, "errors")
    assert body
    assert all(set(error) == {"code", "description"} for error in body)
    assert all(error["code"] == str(status) for error in body)
    return [error["description"] for error in body]


def get(client, path: str, fmt: str, **params):
    return client.get(f"{BASE}{path}.{fmt}", params)


def open311_client(**kwargs) -> Open311Client:
    return Open311Client.objects.create(name="ФиксАпп", **kwargs)


def post_request(client, fmt: str, *, remote_addr: str = "127.0.0.1", **data):
    """POST requests.{fmt}: a valid submission with a new client's key and a new category,
    from ``remote_addr``.

    ``data`` overrides or adds fields; a field given as None is not sent at all.
    """
    if "api_key" not in data:
        data["api_key"] = open311_client().api_key
    if "service_code" not in data:
        data["service_code"] = CategoryFactory().slug
    fields = {
        "lat": str(SAMOKOV[0]),
        "long": str(SAMOKOV[1]),
        "description": "Счупена пейка в парка",
        **data,
    }
    sent = {name: value for name, value in fields.items() if value is not None}
    return client.post(f"{BASE}requests.{fmt}", sent, REMOTE_ADDR=remote_addr)


def _plain(value):
    if isinstance(value, dict):
        return {name: _plain(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _from_xml(element: ET.Element):
    if element.tag in LISTS:
        assert all(child.tag == LISTS[element.tag] for child in element)
        return [_from_xml(child) for child in element]
    if len(element):
        names = [child.tag for child in element]
        assert len(names) == len(set(names)), f"repeated elements in <{element.tag}>"
        return {child.tag: _from_xml(child) for child in element}
    return element.text or ""
