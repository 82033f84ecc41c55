"""Unpublished entries do not exist for the public."""

import pytest
from django.urls import reverse

from .knowledge_factories import RegulationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_unpublished_service_is_404_and_not_listed(client):
    ServiceFactory(name="Чернова на услуга", slug="chernova", is_published=False)
    assert client.get(reverse("infodesk:service", kwargs={"slug": "chernova"})).status_code == 404
    assert "Чернова на услуга" not in client.get(reverse("infodesk:services")).content.decode()


def test_unpublished_regulation_is_404_and_not_listed(client):
    RegulationFactory(title="Проект на наредба", slug="proekt", is_published=False)
    url = reverse("infodesk:regulation", kwargs={"slug": "proekt"})
    assert client.get(url).status_code == 404
    assert "Проект на наредба" not in client.get(reverse("infodesk:regulations")).content.decode()


def test_unpublished_service_is_not_found_by_search(client):
    ServiceFactory(name="Чернова на услуга", is_published=False)
    page = client.get(reverse("infodesk:search"), {"q": "чернова"}).content.decode()
    assert "Няма резултати" in page


def test_unknown_service_is_404(client):
    assert client.get(reverse("infodesk:service", kwargs={"slug": "nyama"})).status_code == 404
