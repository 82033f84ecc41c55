"""Tried from the outside, on municipality B's address: nothing of municipality A is
shown, counted or found – its reports and their numbers, map, open data, Open311,
the JSON API, private documents and their files, its staff pages and its admin."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.tests.citizen_helpers import pdf_upload, private_media
from obshtina.correspondence.tests.factories import file_document
from obshtina.organization.hosts import serving
from obshtina.organization.tests.factories import UnitFactory, officer_of
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db
__all__ = ["private_media"]

SAMOKOV = "samokov.localhost"
KOSTENETS = "kostenets.localhost"
EVERYWHERE = "41.0,22.0,44.0,29.0"  # all of Bulgaria


@pytest.fixture
def unit(samokov):
    return UnitFactory(name="Отдел „Екология“")


@pytest.fixture
def report(samokov, unit):
    category = CategoryFactory(name="Нерегламентирано сметище", unit=unit)
    return submit_report(
        category=category,
        description="Сметище до реката в Самоков",
        submitter_email="ivana@example.bg",
    )


@pytest.fixture
def letter(samokov, unit, private_media):
    return file_document(addressee=unit, attachments=[(pdf_upload(), "application/pdf")])


@pytest.fixture
def kostenets_report(kostenets):
    with serving(kostenets):
        return submit_report(
            category=CategoryFactory(name="Дупка на пътя"),
            description="Дупка на главната улица в Костенец",
            latitude=42.308,
            longitude=23.859,
        )


def get(client, host, path, **params):
    return client.get(path, params, HTTP_HOST=host, follow=True)


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_a_report_is_found_on_its_own_municipality_s_address(client, report, kostenets):
    assert get(client, SAMOKOV, report.get_absolute_url()).status_code == 200
    open311 = get(client, SAMOKOV, "/open311/v2/requests.json").json()
    assert [item["service_request_id"] for item in open311] == [report.number]


def test_another_municipality_shows_nothing_of_a_report(client, report, kostenets_report):
    # Both municipalities number from 1: the same number leads to each one's own report.
    assert kostenets_report.number == report.number
    pages = {
        report.get_absolute_url(): "Сметище до реката",
        report.get_access_url(): "Сметище до реката",
        reverse("core:track") + f"?number={report.number}": "Сметище до реката",
        f"/api/v1/reports/{report.number}": "Сметище до реката",
        f"/api/v1/track/{report.number}": "Сметище до реката",
        f"/open311/v2/requests/{report.number}.json": "Сметище до реката",
    }
    for path, words in pages.items():
        assert words not in text(get(client, KOSTENETS, path)), path
    assert get(client, KOSTENETS, report.get_access_url()).status_code == 404
    listed = {
        reverse("reports:map_data"): {"bbox": EVERYWHERE, "zoom": 10},
        "/api/v1/map": {"bbox": EVERYWHERE, "zoom": 10},
        reverse("reports:open_data_csv"): {},
        reverse("reports:open_data_geojson"): {},
        "/open311/v2/requests.json": {},
        "/open311/v2/requests.xml": {},
    }
    for path, params in listed.items():
        body = text(get(client, KOSTENETS, path, **params))
        assert "Сметище" not in body and "Нерегламентирано" not in body, path
        assert "Дупка" in body, path  # the municipality's own report is there
    services = get(client, KOSTENETS, "/open311/v2/services.json").content.decode()
    assert "Нерегламентирано" not in services and "Дупка на пътя" in services


def test_a_private_document_and_its_file_are_not_found_elsewhere_even_by_its_author(
    client, letter, kostenets
):
    client.force_login(letter.author)
    detail = reverse("correspondence:detail", kwargs={"number": letter.number})
    attachment = letter.attachments.get().get_absolute_url()
    assert get(client, SAMOKOV, detail).status_code == 200
    assert get(client, KOSTENETS, detail).status_code == 404
    assert get(client, KOSTENETS, attachment).status_code == 404
    mine = get(client, KOSTENETS, reverse("correspondence:mine")).content.decode()
    assert letter.number not in mine


def test_staff_of_one_municipality_are_nobody_in_another(client, report, unit, kostenets):
    officer = officer_of(unit, is_staff=True)
    client.force_login(officer)
    manage = reverse("reports:manage", kwargs={"number": report.number})
    assert get(client, SAMOKOV, manage).status_code == 200
    assert get(client, KOSTENETS, manage).status_code in (403, 404)
    assert get(client, KOSTENETS, reverse("casework:workspace")).status_code == 403
    admin = client.get("/admin/", HTTP_HOST=KOSTENETS)
    assert admin.status_code == 302 and "/login/" in admin["Location"]


def test_a_platform_administrator_opens_every_municipality_s_admin(client, kostenets):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, second_factor=True))
    assert get(client, KOSTENETS, "/admin/").status_code == 200
    assert get(client, SAMOKOV, "/admin/").status_code == 200


def test_a_municipality_s_keys_and_tokens_open_nothing_elsewhere(client, samokov, kostenets):
    from obshtina.api.tests.open311_helpers import open311_client
    from obshtina.api.tests.v1_helpers import bearer

    citizen = UserFactory()
    headers = bearer(citizen)  # a phone app signed in on Samokov's site
    assert client.get("/api/v1/me", HTTP_HOST=SAMOKOV, headers=headers).status_code == 200
    assert client.get("/api/v1/me", HTTP_HOST=KOSTENETS, headers=headers).status_code == 401

    key = open311_client().api_key  # a city system registered with Samokov
    with serving(kostenets):
        CategoryFactory(name="Дупка на пътя", slug="dupka")
    posted = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "dupka",
            "lat": "42.308",
            "long": "23.859",
            "description": "Дупка на главната улица",
        },
        HTTP_HOST=KOSTENETS,
    )
    assert posted.status_code in (400, 401, 403)
    with serving(kostenets):
        assert not Report.objects.exists()


def test_one_account_files_in_both_and_its_data_is_exported_and_erased_everywhere(
    client, report, kostenets_report, kostenets
):
    from obshtina.accounts.selectors import user_export_data
    from obshtina.accounts.services import user_delete_account

    citizen = UserFactory(first_name="Весела")
    Report.objects.filter(pk__in=[report.pk, kostenets_report.pk]).update(
        author=citizen, submitter_name="Весела Колева"
    )
    client.force_login(citizen)
    # Each site's "Моите" lists what was filed there…
    mine = text(get(client, KOSTENETS, reverse("reports:mine")))
    assert "Дупка на пътя" in mine and "Нерегламентирано" not in mine  # categories
    # …and the person's export and erasure reach every municipality.
    with serving(kostenets):
        exported = user_export_data(user=citizen)
        user_delete_account(user=citizen)
    described = {item["description"] for item in exported["reports"]}
    assert described == {report.description, kostenets_report.description}
    assert not Report.objects.filter(submitter_name="Весела Колева").exists()


def test_the_same_idempotency_key_sent_to_two_municipalities_files_in_each(client, kostenets):
    from obshtina.api.tests.v1_helpers import bearer

    headers = {**bearer(UserFactory()), "Idempotency-Key": "one-key-for-both-sites"}
    with serving(kostenets):
        theirs = CategoryFactory(name="Дупка на пътя")
    ours = CategoryFactory(name="Дупки")
    sites = ((SAMOKOV, ours, (42.337, 23.5528)), (KOSTENETS, theirs, (42.308, 23.859)))
    for host, category, (lat, lng) in sites:
        data = {"category": category.pk, "description": "Дупка пред блока", "lat": lat, "lng": lng}
        response = client.post("/api/v1/reports", data, headers=headers, HTTP_HOST=host)
        assert response.status_code == 201, response.content
        assert "Idempotent-Replayed" not in response.headers
    with serving(kostenets):
        assert Report.objects.filter(category=theirs).count() == 1
