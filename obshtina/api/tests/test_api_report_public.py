"""GET categories, settlements and reports/{number}: the public part only, as on the site."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory, submit_report

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db

PERSONAL = ("Мария Петрова", "maria@example.bg", "0888123456")


def reported_by_maria(**kwargs) -> Report:
    name, email, phone = PERSONAL
    return submit_report(
        submitter_name=name, submitter_email=email, submitter_phone=phone, **kwargs
    )


def test_categories_lists_the_active_ones_in_their_order(client):
    second = CategoryFactory(name="Улично осветление", position=2)
    first = CategoryFactory(name="Пътища", position=1)
    CategoryFactory(name="Стара категория", is_active=False)
    response = client.get(f"{API}categories")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [first.pk, second.pk]
    assert items[0]["name"] == "Пътища"


def test_a_report_shows_its_public_facts_and_timeline(client):
    report = reported_by_maria(address="ул. Търговска 1")
    response = client.get(f"{API}reports/{report.number}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == report.number
    assert body["category"] == report.category.name
    assert body["status"] == "new"
    assert body["status_label"] == "нов"
    assert body["address"] == "ул. Търговска 1"
    assert [event["kind"] for event in body["timeline"]] == ["created"]
    assert body["url"].endswith(report.get_absolute_url())


def test_the_public_report_never_carries_the_submitters_data_or_private_link(client):
    report = reported_by_maria(author=UserFactory())
    text = client.get(f"{API}reports/{report.number}").content.decode()
    for personal in (*PERSONAL, report.author.email, report.access_token):
        assert personal not in text


def test_a_number_typed_in_lowercase_latin_finds_the_report(client):
    report = submit_report()
    typed = report.number.replace("С", "c").lower()
    assert client.get(f"{API}reports/{typed}").json()["number"] == report.number


def test_an_unknown_number_is_a_json_404_in_bulgarian(client):
    response = client.get(f"{API}reports/С-2020-999999")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Няма сигнал с такъв номер."}


def test_a_hidden_report_is_404_for_citizens(client):
    report = submit_report()
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    assert client.get(f"{API}reports/{report.number}").status_code == 404


def test_settlements_list_their_centres(client):
    from obshtina.organization.models import Settlement

    Settlement.objects.create(name="Говедарци", latitude="42.240000", longitude="23.470000")
    body = client.get(f"{API}settlements").json()["items"]
    assert {"name": "Говедарци", "latitude": 42.24, "longitude": 23.47}.items() <= body[-1].items()
