"""Open311 discovery: where the GeoReport v2 endpoint is, in which formats, how to get a key."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from obshtina.api.open311.selectors import PUBLISHED
from obshtina.organization.selectors import current_municipality
from obshtina.reports.models import Category
from obshtina.reports.tests.factories import CategoryFactory

from .open311_helpers import BASE, FORMATS, get, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_names_the_georeport_v2_endpoint_and_both_formats(client, settings, fmt):
    settings.SITE_URL = "https://e.samokov.bg"
    response = get(client, "discovery", fmt)
    assert response.status_code == 200
    body = read(response, "discovery")
    assert list(body) == ["changeset", "contact", "key_service", "endpoints"]
    (endpoint,) = body["endpoints"]
    assert endpoint == {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": "https://e.samokov.bg/open311/v2",
        "changeset": body["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
        "extensions": [
            "extensions",
            "lat",
            "long",
            "radius",
            "bbox",
            "updated_after",
            "updated_before",
            "search",
            "agency_responsible",
            "page",
            "page_size",
            "order_by",
            "locale",
        ],
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_tells_whom_to_ask_for_a_key(client, fmt):
    municipality = current_municipality()
    body = read(get(client, "discovery", fmt), "discovery")
    assert municipality.contact_phone in body["contact"]
    assert municipality.contact_email in body["key_service"]
    assert "api_key" in body["key_service"]


def test_a_development_site_calls_its_endpoint_a_test_one(client, settings):
    settings.DEBUG = True
    body = read(get(client, "discovery", "json"), "discovery")
    assert body["endpoints"][0]["type"] == "test"


@time_machine.travel(PUBLISHED + timedelta(days=30), tick=False)
def test_the_changeset_moves_on_when_a_category_is_changed_in_the_admin(client, admin_user):
    before = read(get(client, "discovery", "json"), "discovery")["changeset"]
    category = CategoryFactory()
    LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[category],
        action_flag=CHANGE,
        change_message="",
        single_object=True,
    )
    after = read(get(client, "discovery", "json"), "discovery")["changeset"]
    assert after > before
    assert LogEntry.objects.get().content_type == ContentType.objects.get_for_model(Category)


def test_the_root_of_the_endpoint_is_the_xml_discovery(client):
    response = client.get(BASE)
    assert response.status_code == 200
    assert read(response, "discovery")["endpoints"]
