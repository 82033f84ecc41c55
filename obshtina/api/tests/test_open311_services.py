"""Open311 services: the active report categories and their definitions."""

import json
from urllib.parse import quote

import pytest

from obshtina.reports.tests.factories import CategoryFactory, UnitFactory

from .open311_helpers import BASE, FORMATS, errors, get, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_are_the_active_categories_grouped_by_their_unit(client, fmt):
    unit = UnitFactory(name="Отдел „Благоустройство“")
    CategoryFactory(
        name="Улично осветление", slug="osvetlenie", unit=unit, description="Неработещи лампи"
    )
    response = get(client, "services", fmt)
    assert response.status_code == 200
    assert read(response, "services") == [
        {
            "service_code": "osvetlenie",
            "service_name": "Улично осветление",
            "description": "Неработещи лампи",
            "metadata": "false",
            "type": "realtime",
            "keywords": "Улично осветление, Отдел „Благоустройство“",
            "group": "Отдел „Благоустройство“",
        }
    ]


def test_an_inactive_category_is_not_offered(client):
    CategoryFactory(slug="staro", is_active=False)
    assert read(get(client, "services", "xml"), "services") == []


def test_a_category_without_a_unit_is_in_the_reports_group(client):
    CategoryFactory(unit=None)
    (service,) = read(get(client, "services", "json"), "services")
    assert service["group"] == "Сигнали"


def test_metadata_is_a_json_boolean(client):
    CategoryFactory()
    (service,) = json.loads(get(client, "services", "json").content)
    assert service["metadata"] is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_category_without_questions_has_no_attributes_to_ask(client, fmt):
    CategoryFactory(slug="dupki")
    response = get(client, "services/dupki", fmt)
    assert response.status_code == 200
    assert read(response, "service_definition") == {"service_code": "dupki", "attributes": []}


def test_a_cyrillic_service_code_works_percent_encoded(client):
    CategoryFactory(slug="дупки")
    response = client.get(f"{BASE}services/{quote('дупки')}.json")
    assert read(response, "service_definition")["service_code"] == "дупки"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_service_code_is_a_404_error(client, fmt):
    (description,) = errors(get(client, "services/nyama-takava", fmt), status=404)
    assert "nyama-takava" in description


def test_an_inactive_category_has_no_definition(client):
    CategoryFactory(slug="staro", is_active=False)
    errors(get(client, "services/staro", "xml"), status=404)
