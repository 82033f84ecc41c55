"""Open data: CSV and GeoJSON of the public reports, filtered by date and category."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.reports.models import Report

from .factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

PERSONAL = ("Гергана", "Стоянова", "gergana@example.bg", "0888765432")


def submit_with_personal_data(**kwargs) -> Report:
    return submit_report(
        submitter_name="Гергана Стоянова",
        submitter_email="gergana@example.bg",
        submitter_phone="0888765432",
        **kwargs,
    )


def download(client, name, **params) -> str:
    response = client.get(reverse(f"reports:{name}"), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_rows(client, **params) -> list[dict]:
    return list(csv.DictReader(io.StringIO(download(client, "open_data_csv", **params))))


def test_the_csv_holds_the_public_fields_of_a_report(client):
    report = submit_with_personal_data(latitude=42.3370123456, longitude=23.5528987654)
    Report.objects.filter(pk=report.pk).update(public_answer="Ще бъде ремонтирано.")
    (row,) = csv_rows(client)
    assert row["number"] == report.number
    assert row["category"] == report.category.name
    assert row["unit"] == report.unit.name
    assert row["status"] == "new"
    assert row["description"] == report.description
    assert row["public_answer"] == "Ще бъде ремонтирано."
    assert (row["latitude"], row["longitude"]) == ("42.33701", "23.5529")


def test_the_csv_is_a_download(client):
    response = client.get(reverse("reports:open_data_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")


def test_no_personal_data_in_the_csv_or_the_geojson(client):
    submit_with_personal_data()
    for name in ("open_data_csv", "open_data_geojson"):
        body = download(client, name)
        for personal in PERSONAL:
            assert personal not in body, name


def test_the_geojson_is_a_feature_collection_of_points(client):
    report = submit_with_personal_data()
    data = json.loads(download(client, "open_data_geojson"))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [round(report.longitude, 5), round(report.latitude, 5)],
    }
    assert feature["properties"]["number"] == report.number
    assert feature["properties"]["resolved_at"] is None  # null, not an empty string
    assert "submitter_name" not in feature["properties"]


def test_hidden_reports_are_not_published(client):
    hidden = submit_report()
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    assert csv_rows(client) == []
    assert json.loads(download(client, "open_data_geojson"))["features"] == []


def test_the_downloads_are_filtered_by_dates_and_category(client):
    category = CategoryFactory()
    today = submit_report(category=category)
    last_month = submit_report(category=category)
    other_category = submit_report()
    Report.objects.filter(pk=last_month.pk).update(created_at=timezone.now() - timedelta(days=30))
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    rows = csv_rows(client, date_from=since, category=category.pk)
    assert [row["number"] for row in rows] == [today.number]
    until = (timezone.localdate() - timedelta(days=2)).isoformat()
    data = json.loads(download(client, "open_data_geojson", date_to=until))
    assert [f["properties"]["number"] for f in data["features"]] == [last_month.number]
    assert other_category.number not in {row["number"] for row in csv_rows(client, date_to=until)}


def test_the_end_date_includes_its_whole_day(client):
    report = submit_report()
    today = timezone.localdate().isoformat()
    assert [row["number"] for row in csv_rows(client, date_from=today, date_to=today)] == [
        report.number
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31.02.2026"}, "Въведете дата във вида ГГГГ-ММ-ДД"),
        ({"date_to": "утре"}, "Въведете дата във вида ГГГГ-ММ-ДД"),
        ({"date_from": "2026-03-01", "date_to": "2026-02-01"}, "Крайната дата е преди началната."),
        ({"category": "999999"}, "Няма такава категория."),
    ],
)
@pytest.mark.parametrize("name", ["open_data_csv", "open_data_geojson"])
def test_a_bad_filter_gets_400_with_a_clear_message(client, name, params, message):
    response = client.get(reverse(f"reports:{name}"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_description_that_is_a_spreadsheet_formula_stays_text(client):
    report = submit_report(
        description='=HYPERLINK("http://evil.example/steal","Натиснете тук")',
        latitude=42.3370123456,
        longitude=23.5528987654,
    )
    Report.objects.filter(pk=report.pk).update(public_answer="@SUM(1+1)*cmd|' /C calc'!A0")
    (row,) = csv_rows(client)
    assert row["description"] == '\'=HYPERLINK("http://evil.example/steal","Натиснете тук")'
    assert row["public_answer"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert (row["latitude"], row["longitude"]) == ("42.33701", "23.5529")  # numbers untouched
