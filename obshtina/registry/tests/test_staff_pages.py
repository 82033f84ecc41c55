from datetime import UTC, datetime

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.organization.models import Unit
from obshtina.registry.connectors import DocumentSystemConnector
from obshtina.registry.services import registry_number_issue, registry_number_link

from .factories import RegistrySeriesFactory, UnitFactory

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE = datetime(2026, 12, 31, 21, 30, tzinfo=UTC)  # 23:30 in Sofia


@pytest.fixture
def registry_number():
    RegistrySeriesFactory()
    return registry_number_issue(series="reports", at=NEW_YEARS_EVE)


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


def detail_url(registry_number):
    return reverse("registry:detail", args=[registry_number.code])


def test_anonymous_visitors_are_sent_to_log_in(client, registry_number):
    response = client.get("/registry/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", ["/registry/", "/registry/С-2026-000001/"])
def test_citizens_are_refused(client, registry_number, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_staff_see_the_latest_numbers_with_series_and_sofia_date(staff_client, registry_number):
    content = staff_client.get("/registry/").content.decode()
    assert "Деловоден регистър" in content
    assert "С-2026-000001" in content
    assert "Сигнали" in content
    assert "31.12.2026 23:30" in content


def test_the_list_can_be_narrowed_to_one_series(staff_client, registry_number):
    RegistrySeriesFactory(code="questions", name="Въпроси", prefix="В")
    registry_number_issue(series="questions", at=NEW_YEARS_EVE)

    content = staff_client.get("/registry/", {"series": "questions"}).content.decode()

    assert "В-2026-000001" in content
    assert "С-2026-000001" not in content


def test_searching_a_number_opens_its_entry(staff_client, registry_number):
    response = staff_client.get("/registry/", {"number": "c 2026 1"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(registry_number)


def test_searching_an_unknown_number_says_so(staff_client, registry_number):
    response = staff_client.get("/registry/", {"number": "С-2026-000999"})
    assert response.status_code == 404
    assert "Няма деловоден номер „С-2026-000999“" in response.content.decode()


def test_an_entry_shows_its_linked_item_with_a_link(staff_client, registry_number, monkeypatch):
    monkeypatch.setattr(Unit, "get_absolute_url", lambda self: f"/items/{self.pk}/", raising=False)
    item = UnitFactory(name="Отдел „Екология“")
    registry_number_link(registry_number=registry_number, item=item)

    content = staff_client.get(detail_url(registry_number)).content.decode()

    assert f'href="/items/{item.pk}/"' in content
    assert "Отдел „Екология“" in content


def test_an_unlinked_entry_says_so(staff_client, registry_number):
    content = staff_client.get(detail_url(registry_number)).content.decode()
    assert "не е свързан" in content


def test_an_entry_typed_loosely_redirects_to_its_proper_address(staff_client, registry_number):
    response = staff_client.get("/registry/c-2026-1/")
    assert response["Location"] == detail_url(registry_number)


def test_an_unknown_entry_is_not_found(staff_client, registry_number):
    assert staff_client.get("/registry/С-2026-000002/").status_code == 404


class FakeDocumentSystem(DocumentSystemConnector):
    def lookup(self, number):
        return {"Статус в АКСТЪР": f"Приключен ({number})"}


class BrokenDocumentSystem(DocumentSystemConnector):
    def lookup(self, number):
        raise ConnectionError("the document system is down")


def test_an_entry_shows_what_the_external_document_system_knows(
    staff_client, registry_number, settings
):
    settings.REGISTRY_CONNECTOR = f"{__name__}.FakeDocumentSystem"
    content = staff_client.get(detail_url(registry_number)).content.decode()
    assert "Приключен (С-2026-000001)" in content


def test_an_entry_opens_while_the_external_document_system_is_down(
    staff_client, registry_number, settings
):
    settings.REGISTRY_CONNECTOR = f"{__name__}.BrokenDocumentSystem"
    response = staff_client.get(detail_url(registry_number))
    assert response.status_code == 200
    assert "Във външната деловодна система" not in response.content.decode()
