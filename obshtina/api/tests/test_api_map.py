"""GET map: the last 30 days inside the visible box, the same data as the site's map."""

from datetime import timedelta

import pytest
from django.utils import timezone

from obshtina.reports.models import Report
from obshtina.reports.tests.factories import submit_report

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db

TOWN_BOX = "42.32,23.53,42.35,23.58"


def map_data(client, bbox=TOWN_BOX, zoom=15, **params):
    return client.get(f"{API}map", {"bbox": bbox, "zoom": zoom, **params})


def test_the_reports_in_the_box_come_as_markers_with_absolute_links(client):
    report = submit_report(submitter_email="maria@example.bg")
    response = map_data(client)
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "markers"
    (marker,) = body["items"]
    assert marker["number"] == report.number
    assert marker["url"] == f"http://testserver{report.get_absolute_url()}"
    assert "maria@example.bg" not in response.content.decode()
    assert "max-age=60" in response["Cache-Control"]


def test_reports_older_than_30_days_and_other_statuses_are_left_out(client):
    submit_report()
    old = submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert len(map_data(client).json()["items"]) == 1
    assert map_data(client, status=["resolved"]).json()["items"] == []


def test_a_box_outside_the_municipality_is_empty(client):
    submit_report()
    assert map_data(client, bbox="43.0,27.0,43.1,27.1").json() == {"type": "markers", "items": []}


@pytest.mark.parametrize(
    "bbox", ["42,23", "юг,запад,север,изток", "42.35,23.53,42.32,23.58", "nan,23,43,24"]
)
def test_a_bad_box_is_explained_on_bbox(client, bbox):
    response = map_data(client, bbox=bbox)
    assert response.status_code == 400
    assert response.json()["fields"]["bbox"][0].startswith(("Задайте", "Видимата"))


def test_a_zoom_out_of_range_is_refused(client):
    response = map_data(client, zoom=42)
    assert response.status_code == 400
    assert response.json()["fields"]["zoom"] == ["Стойността трябва да е най-много 20."]
