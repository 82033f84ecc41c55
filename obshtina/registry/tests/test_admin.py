from datetime import UTC, datetime

import pytest

from obshtina.accounts.tests.factories import StaffUserFactory
from obshtina.registry.services import registry_number_issue

from .factories import RegistrySeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


def test_numbers_can_be_searched_by_code_in_the_admin(admin_client):
    RegistrySeriesFactory()
    at = datetime(2026, 5, 1, tzinfo=UTC)
    registry_number_issue(series="reports", at=at)
    registry_number_issue(series="reports", at=at)

    content = admin_client.get(
        "/admin/registry/registrynumber/", {"q": "С-2026-000002"}
    ).content.decode()

    assert "С-2026-000002" in content
    assert "С-2026-000001" not in content


def test_numbers_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/registry/registrynumber/add/").status_code == 403


def test_a_series_prefix_must_be_cyrillic_capitals(admin_client):
    series = RegistrySeriesFactory()
    response = admin_client.post(
        f"/admin/registry/registryseries/{series.pk}/change/",
        {"name": "Сигнали", "prefix": "S", "is_active": "on"},
    )
    assert "главни букви на кирилица" in response.content.decode()
    series.refresh_from_db()
    assert series.prefix == "С"
