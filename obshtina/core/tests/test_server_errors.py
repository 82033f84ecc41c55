"""A server error and a database out of reach, as the site, the JSON API and Open311
show them with DEBUG off: each in its own format, 503 with Retry-After while the
database is away, never a traceback, always in the log without what was sent."""

import json
import logging
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from obshtina.organization.selectors import current_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.fixture
def broken_categories(monkeypatch):
    """An unexpected bug behind the categories of the site's form, the API and Open311."""

    monkeypatch.setattr("obshtina.api.v1.reports.selectors.active_categories", _fail)
    monkeypatch.setattr("obshtina.api.open311.views.active_services", _fail)


def _fail(*args, **kwargs):
    raise RuntimeError("a bug")


def test_a_server_error_on_the_site_is_a_page_in_bulgarian_with_the_phone(browser, monkeypatch):
    municipality = current_municipality()
    municipality.name, municipality.contact_phone = "Община Тестово", "0800 11 22"
    municipality.save()
    browser.get("/track/")  # a page that works, seen before the failure
    monkeypatch.setattr("obshtina.core.views.render", _fail)
    response = browser.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="bg">' in page
    assert "Нещо се обърка от наша страна" in page
    assert "Община Тестово" in page
    assert 'href="tel:08001122"' in page
    assert "<script" not in page and "style=" not in page


def test_a_server_error_names_the_municipality_of_the_address_not_the_last_one_seen(
    browser, monkeypatch
):
    from obshtina.organization.models import Municipality

    Municipality.objects.create(
        name="Община Костенец", slug="kostenets", contact_phone="07142 23 00"
    )
    browser.get("/track/")  # the first municipality's page, seen last by this process
    monkeypatch.setattr("obshtina.core.views.render", _fail)
    response = browser.get("/", HTTP_HOST="kostenets.localhost")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Община Костенец" in page and 'href="tel:071422300"' in page
    assert current_municipality().name not in page


def test_a_server_error_in_the_json_api_is_json_without_a_traceback(
    browser, broken_categories, caplog
):
    response = browser.get("/api/v1/categories")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    assert body["message"].startswith("Грешка в сървъра.")
    assert "Traceback" not in response.content.decode()
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_server_error_in_open311_is_the_spec_error_list(browser, broken_categories, fmt):
    response = browser.get(f"/open311/v2/services.{fmt}")
    assert response.status_code == 500
    if fmt == "json":
        (error,) = response.json()
        assert error["code"] == 500
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        assert root.findtext("error/code") == "500"


def test_while_the_database_is_unreachable_the_site_says_so_with_the_phone(
    database_unreachable,
):
    response = Client(raise_request_exception=False).get("/reports/new/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Услугата временно не е достъпна" in page
    assert "Контактен център" in page


def test_while_the_database_is_unreachable_an_api_post_is_a_json_503(database_unreachable, caplog):
    response = Client(raise_request_exception=False).post(
        "/api/v1/questions",
        {"topic": 1, "text": "Кога се плаща данъкът?", "email": "maria@example.bg"},
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.json()["code"] == "unavailable"
    assert "Service Unavailable: /api/v1/questions" in caplog.text
    assert "maria@example.bg" not in caplog.text
    assert "Кога се плаща" not in caplog.text


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_while_the_database_is_unreachable_open311_is_a_503_error_list(database_unreachable, fmt):
    response = Client(raise_request_exception=False).get(f"/open311/v2/requests.{fmt}")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    if fmt == "json":
        assert json.loads(body)[0]["code"] == 503
    else:
        assert ET.fromstring(body).findtext("error/code") == "503"


def test_the_database_answers_again_after_the_test(db):
    """The fixture above gives the connection back (this test runs after them)."""
    assert current_municipality().pk
