"""The admin shows documents to administrators and changes nothing."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory

from .desk_helpers import registry_clerk
from .factories import file_document

pytestmark = pytest.mark.django_db


def change_url(item) -> str:
    return reverse("admin:correspondence_correspondence_change", args=[item.pk])


def test_an_administrator_views_a_document_read_only(client):
    item = file_document(subject="Ремонт на моста")
    client.force_login(StaffUserFactory(role="administrator"))
    response = client.get(change_url(item))
    assert response.status_code == 200
    assert "Ремонт на моста" in response.text
    assert 'name="_save"' not in response.text
    assert client.get(reverse("admin:correspondence_correspondence_add")).status_code == 403


def test_a_registry_clerk_does_not_see_documents_in_the_admin(client):
    item = file_document()
    client.force_login(registry_clerk())
    assert client.get(change_url(item)).status_code == 403
