"""The open-data page: what the data holds, its licence and the download form."""

import pytest
from django.urls import reverse

from .factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_the_page_explains_the_data_and_links_the_downloads(client):
    category = CategoryFactory(name="Паркове")
    response = client.get(reverse("reports:open_data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "CC BY 4.0" in page
    assert reverse("reports:open_data_csv") in page
    assert reverse("reports:open_data_geojson") in page
    assert 'name="date_from"' in page
    assert 'name="date_to"' in page
    assert category.name in page
    assert "не съдържат лични данни" in page
