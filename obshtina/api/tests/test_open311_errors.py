"""Whatever goes wrong under /open311/v2/ is the spec's error list, never an HTML page."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client

from obshtina.reports.tests.factories import submit_report

from .open311_helpers import BASE, CONTENT_TYPES, errors, get, post_request, read

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


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "trace"])
@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_method_an_endpoint_does_not_take_is_a_405_error_naming_the_allowed_ones(
    client, method, fmt
):
    response = getattr(client, method)(f"{BASE}services.{fmt}")
    (description,) = errors(response, status=405)
    assert "GET" in description
    assert response["Allow"] == "GET, HEAD"


def test_the_allowed_methods_of_requests_are_get_and_post(client):
    response = client.put(BASE + "requests.json")
    errors(response, status=405)
    assert response["Allow"] == "GET, POST, HEAD"


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("serv%0Aices.json", "json"),
        ("services.json%0A", "json"),
        ("%0A", "xml"),
        ("requests/С-2026%0A-000001.xml", "xml"),
    ],
)
def test_an_address_with_a_line_break_is_the_spec_404_not_an_html_page(client, path, fmt):
    response = client.get(BASE + path)
    errors(response, status=404)
    assert response["Content-Type"] == CONTENT_TYPES[fmt]


def test_an_address_under_open311_outside_v2_is_an_error_list_too(client, settings):
    settings.DEBUG = False
    errors(client.get("/open311/nyama%0A.json"), status=404)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("services/x%00y.json", {}),
        ("requests/С-2026-000001%00.json", {}),
        ("tokens/x%00.json", {}),
    ],
)
def test_a_nul_character_in_an_address_is_a_404(client, path, params):
    errors(client.get(BASE + path, params), status=404)


@pytest.mark.parametrize("name", ["service_code", "service_request_id", "status", "start_date"])
def test_a_nul_character_in_a_parameter_is_a_400_naming_it(client, name):
    (description,) = errors(client.get(BASE + "requests.json", {name: "a\x00b"}), status=400)
    assert description.startswith(f"{name}: ")


def test_a_nul_character_in_a_posted_api_key_is_a_400(client):
    (description,) = errors(post_request(client, "json", api_key="ключ\x00"), status=400)
    assert description.startswith("api_key: ")


def test_a_multipart_body_without_its_boundary_is_a_400_error_list(client):
    response = client.post(BASE + "requests.xml", b"--x\r\n", content_type="multipart/form-data")
    errors(response, status=400)


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
