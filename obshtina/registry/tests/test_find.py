from datetime import UTC, datetime

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.organization.models import Unit
from obshtina.registry.selectors import normalize_number, registry_number_find
from obshtina.registry.services import registry_number_issue, registry_number_link

from .factories import RegistrySeriesFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_number():
    RegistrySeriesFactory()
    at = datetime(2026, 3, 2, tzinfo=UTC)
    for _ in range(122):
        registry_number_issue(series="reports", at=at)
    return registry_number_issue(series="reports", at=at)  # С-2026-000123


@pytest.mark.parametrize(
    "typed",
    [
        "С-2026-000123",
        "  с-2026-000123 ",
        "C-2026-000123",  # Latin C
        "c-2026-123",
        "С 2026 000123",
        "С2026123",
        "С–2026–123",  # en dashes
    ],
)
def test_the_number_is_found_however_it_is_typed(registry_number, typed):
    assert registry_number_find(typed) == registry_number


def test_latin_look_alikes_become_cyrillic():
    assert normalize_number("abcehkmoptxy") == "АВСЕНКМОРТХУ"


def test_text_that_is_not_a_number_is_only_cleaned_up():
    assert normalize_number(" hello world ") == "НЕLLОWОRLD"


@pytest.mark.parametrize("typed", ["С-2026-000124", "В-2026-000123", "С-2025-000123", "", "123"])
def test_an_unknown_number_finds_nothing(registry_number, typed):
    assert registry_number_find(typed) is None


def test_an_absurdly_long_input_finds_nothing(registry_number):
    assert registry_number_find("С-2026-" + "0" * 500 + "123") is None


def test_tracking_an_unknown_number_says_so_in_bulgarian(client):
    response = client.get("/track/", {"number": "С-2026-999999"})
    assert response.status_code == 404
    assert "Няма регистриран сигнал или въпрос с номер" in response.content.decode()


def test_tracking_a_public_item_opens_its_page_for_anyone(client, registry_number, monkeypatch):
    monkeypatch.setattr(Unit, "get_absolute_url", lambda self: f"/items/{self.pk}/", raising=False)
    monkeypatch.setattr(Unit, "is_visible_to", lambda self, user: True, raising=False)
    item = UnitFactory()
    registry_number_link(registry_number=registry_number, item=item)

    response = client.get("/track/", {"number": "c 2026 123"})

    assert response.status_code == 302
    assert response["Location"] == f"/items/{item.pk}/"


def test_tracking_an_item_its_rules_hide_from_the_user_says_not_found(
    client, registry_number, monkeypatch
):
    monkeypatch.setattr(Unit, "get_absolute_url", lambda self: "/items/1/", raising=False)
    monkeypatch.setattr(Unit, "is_visible_to", lambda self, user: user.is_staff, raising=False)
    registry_number_link(registry_number=registry_number, item=UnitFactory())
    client.force_login(UserFactory())

    response = client.get("/track/", {"number": registry_number.code})

    assert response.status_code == 404


def test_an_item_without_visibility_rules_is_hidden_from_citizens(
    client, registry_number, monkeypatch
):
    monkeypatch.setattr(Unit, "get_absolute_url", lambda self: "/items/1/", raising=False)
    registry_number_link(registry_number=registry_number, item=UnitFactory())

    response = client.get("/track/", {"number": registry_number.code})

    assert response.status_code == 404


def test_an_item_without_visibility_rules_opens_for_staff(client, registry_number, monkeypatch):
    monkeypatch.setattr(Unit, "get_absolute_url", lambda self: "/items/1/", raising=False)
    registry_number_link(registry_number=registry_number, item=UnitFactory())
    client.force_login(StaffUserFactory())

    response = client.get("/track/", {"number": registry_number.code})

    assert response["Location"] == "/items/1/"


def test_staff_tracking_an_unlinked_number_lands_on_its_registry_entry(client, registry_number):
    client.force_login(StaffUserFactory())

    response = client.get("/track/", {"number": "С-2026-123"})

    assert response.status_code == 302
    assert response["Location"] == reverse("registry:detail", args=[registry_number.code])


def test_citizens_tracking_an_unlinked_number_get_not_found(client, registry_number):
    response = client.get("/track/", {"number": registry_number.code})
    assert response.status_code == 404
