"""GET /streets, the gazetteer an app suggests addresses from, and a report placed by the
street its address names (or the one chosen among several), as on the site."""

import pytest

from obshtina.organization.models import Settlement, Street
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return Settlement.objects.create(
        name="Самоков", kind=Settlement.Kind.TOWN, latitude=42.337, longitude=23.5528
    )


@pytest.fixture
def streets(town):
    village = Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)
    rows = [
        (town, Street.Kind.STREET, "Търговска", 42.3376, 23.5558),
        (town, Street.Kind.STREET, "Христо Ботев", 42.3393, 23.5496),
        (town, Street.Kind.STREET, "Ботевградска", 42.3410, 23.5480),
        (village, Street.Kind.STREET, "Рила", 42.2399, 23.4730),
    ]
    return {
        name: Street.objects.create(
            settlement=place, kind=kind, name=name, latitude=lat, longitude=lng
        )
        for place, kind, name, lat, lng in rows
    }


def labels(client, **params) -> list[str]:
    response = client.get(f"{API}streets", params)
    assert response.status_code == 200
    return [street["label"] for street in response.json()["items"]]


def test_streets_match_part_of_the_name_those_starting_with_it_first(client, streets):
    assert labels(client, q="БОТ") == [
        "ул. „Ботевградска“, гр. Самоков",
        "ул. „Христо Ботев“, гр. Самоков",
    ]
    assert labels(client, q="нищо такова") == []


def test_without_a_query_every_street_comes_for_an_offline_app(client, streets, town):
    assert len(labels(client)) == 4
    assert "ул. „Рила“, с. Говедарци" not in labels(client, settlement=town.pk)


def test_a_street_carries_its_point_and_settlement(client, streets, town):
    [street] = client.get(f"{API}streets", {"q": "търговска"}).json()["items"]
    assert (street["lat"], street["lng"], street["settlement"]) == (42.3376, 23.5558, town.pk)
    assert (street["name"], street["kind"]) == ("Търговска", "street")


def submit(client, **fields):
    data = {"category": CategoryFactory().pk, "description": "Паднало дърво на тротоара"}
    return client.post(f"{API}reports", data | fields)


def test_a_report_without_a_point_is_placed_on_the_street_its_address_names(client, streets):
    response = submit(client, address="ул. Търговска 5")
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == (42.3376, 23.5558)


def test_an_address_naming_several_streets_asks_which_one(client, streets):
    refused = submit(client, address="Бот")
    assert refused.status_code == 400
    assert "street" in refused.json()["fields"]
    chosen = submit(client, address="Бот", street=streets["Христо Ботев"].pk)
    assert chosen.status_code == 201
    assert Report.objects.get().latitude == 42.3393
