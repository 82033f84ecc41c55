"""A citizen without the map finds the place by a street of the gazetteer."""

import pytest
from django.urls import reverse

from obshtina.organization.models import Settlement, Street
from obshtina.reports.models import Report

from .factories import CategoryFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:submit")


@pytest.fixture
def town():
    return Settlement.objects.create(
        name="Самоков", kind=Settlement.Kind.TOWN, latitude=42.337, longitude=23.5528
    )


@pytest.fixture
def streets(town):
    return {
        name: Street.objects.create(
            settlement=town, kind=kind, name=name, latitude=lat, longitude=lng
        )
        for kind, name, lat, lng in [
            (Street.Kind.STREET, "Търговска", 42.3376, 23.5558),
            (Street.Kind.STREET, "Христо Ботев", 42.3393, 23.5496),
            (Street.Kind.STREET, "Ботевградска", 42.3410, 23.5480),
            (Street.Kind.BOULEVARD, "Искър", 42.3326, 23.5572),
        ]
    }


def suggested(client, query: str) -> list[str]:
    response = client.get(reverse("reports:streets"), {"q": query})
    return [street["label"] for street in response.json()["streets"]]


def test_suggestions_match_part_of_a_name_in_any_case(client, streets):
    assert suggested(client, "ТЪРГ") == ["ул. „Търговска“, гр. Самоков"]
    assert suggested(client, "говск") == ["ул. „Търговска“, гр. Самоков"]
    assert suggested(client, "бул. иск") == ["бул. „Искър“, гр. Самоков"]


def test_suggestions_carry_the_streets_point(client, streets):
    response = client.get(reverse("reports:streets"), {"q": "искър"})
    street = response.json()["streets"][0]
    assert (street["lat"], street["lng"]) == (42.3326, 23.5572)


def test_names_that_start_with_the_part_come_first(client, streets):
    assert suggested(client, "бот") == [
        "ул. „Ботевградска“, гр. Самоков",
        "ул. „Христо Ботев“, гр. Самоков",
    ]


def test_too_little_typed_suggests_nothing(client, streets):
    assert suggested(client, " ") == []


def report_data(**fields) -> dict:
    return {
        "category": CategoryFactory().pk,
        "description": "Дупка на тротоара",
        **fields,
    }


def test_a_report_with_only_a_typed_street_and_number_lands_at_that_street(client, streets):
    response = client.post(URL, report_data(address="ул. Търговска 5"))

    assert response.status_code == 302
    report = Report.objects.get()
    assert (float(report.latitude), float(report.longitude)) == (42.3376, 23.5558)
    assert report.settlement == streets["Търговска"].settlement
    assert report.address == "ул. Търговска 5"


def test_an_address_naming_several_streets_asks_which_one(client, streets):
    response = client.post(URL, report_data(address="Ботев 3"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Адресът отговаря на няколко улици. Изберете коя." in html
    assert "ул. „Христо Ботев“" in html and "ул. „Ботевградска“" in html
    assert "Отбележете мястото на картата" not in html
    assert not Report.objects.exists()


def test_the_chosen_street_places_the_report(client, streets):
    chosen = streets["Христо Ботев"]
    response = client.post(URL, report_data(address="Ботев 3", street=chosen.pk))

    assert response.status_code == 302
    assert float(Report.objects.get().latitude) == 42.3393


def test_an_address_of_no_known_street_still_asks_for_the_map(client, streets):
    response = client.post(URL, report_data(address="до голямата липа"))

    assert "Отбележете мястото на картата или изберете населено място." in (
        response.content.decode()
    )
    assert not Report.objects.exists()


def test_the_street_may_come_after_a_landmark(client, streets):
    response = client.post(URL, report_data(address="срещу пощата, бул. Искър 12"))

    assert response.status_code == 302
    assert float(Report.objects.get().latitude) == 42.3326


def test_a_couple_of_letters_name_no_street(client, streets):
    response = client.post(URL, report_data(address="ис"))

    assert "Отбележете мястото на картата" in response.content.decode()
    assert not Report.objects.exists()
