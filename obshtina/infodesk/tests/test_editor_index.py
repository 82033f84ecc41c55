"""The editors' list of every service and regulation, published or not."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Regulation, Service

from .editor_helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    Service.objects.create(name="Адресна регистрация", slug="adresna", is_published=False)
    Service.objects.create(name="Разрешение за строеж", slug="stroezh")
    Regulation.objects.create(title="Наредба за таксите", slug="taksi", kind="ordinance")


def test_the_list_shows_drafts_and_published_entries_with_edit_links(client, entries):
    client.force_login(person("editor"))

    page = client.get(reverse("infodesk:editor")).content.decode()

    for service in Service.objects.all():
        assert reverse("infodesk:editor_service", args=[service.pk]) in page
    assert reverse("infodesk:editor_regulation", args=[Regulation.objects.get().pk]) in page
    assert "чернова" in page
    assert reverse("infodesk:editor_service_new") in page


def test_search_by_name_ignores_the_case_of_cyrillic_letters(client, entries):
    client.force_login(person("editor"))

    page = client.get(reverse("infodesk:editor"), {"q": "АДРЕСНА"}).content.decode()

    assert "Адресна регистрация" in page
    assert "Разрешение за строеж" not in page
    assert "Наредба за таксите" not in page
