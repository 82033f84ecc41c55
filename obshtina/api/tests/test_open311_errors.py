"""Whatever goes wrong under /open311/v2/ is the spec's error list, never an HTML page."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client

from obshtina.reports.tests.factories import submit_report

from .open311_helpers import BASE, errors, get, post_request, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("nyama-takava.xml", "xml"),
        ("nyama-takava.json", "json"),
        ("services.html", "xml"),
        ("services", "xml"),
        ("requests/С-2026-000001/comments.json", "json"),
    ],
)
def test_an_unknown_address_is_a_404_error(client, path, fmt):
    response = client.get(BASE + path)
    errors(response, status=404)
    assert response["Content-Type"].startswith({"xml": "text/xml", "json": "application/json"}[fmt])


def test_a_post_to_an_unknown_address_is_a_404_not_a_csrf_failure():
    client = Client(enforce_csrf_checks=True)
    errors(client.post(BASE + "reports.json", {"api_key": "x"}), status=404)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_method_an_endpoint_does_not_take_is_a_400_error(client, method):
    response = getattr(client, method)(BASE + "services.json")
    (description,) = errors(response, status=400)
    assert "GET" in description


def test_head_is_answered_like_get(client):
    assert client.head(BASE + "services.xml").status_code == 200


def test_control_characters_in_a_description_do_not_break_the_xml(client):
    submit_report(description="Дупка\x01\x08 пред\x0b блок 5\n")
    response = get(client, "requests", "xml")
    ET.fromstring(response.content)
    (request,) = read(response, "service_requests")
    assert request["description"] == "Дупка пред блок 5"


def test_markup_in_a_description_is_escaped(client):
    submit_report(description="<b>Дупка</b> & локва")
    (request,) = read(get(client, "requests", "xml"), "service_requests")
    assert request["description"] == "<b>Дупка</b> & локва"


def test_a_successful_post_answers_200_with_the_xml_declaration(client):
    cache.clear()
    response = post_request(client, "xml")
    assert response.status_code == 200
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
