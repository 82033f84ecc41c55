"""Only editors and administrators open the editors' pages."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Regulation, Service

from .editor_helpers import person, regulation_post, service_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    service = Service.objects.create(name="Удостоверение за наследници", slug="naslednici")
    regulation = Regulation.objects.create(title="Наредба 1", slug="naredba-1", kind="ordinance")
    return [
        reverse("infodesk:editor"),
        reverse("infodesk:editor_service_new"),
        reverse("infodesk:editor_service", args=[service.pk]),
        reverse("infodesk:editor_regulation_new"),
        reverse("infodesk:editor_regulation", args=[regulation.pk]),
    ]


@pytest.mark.parametrize("kind", ["editor", "administrator"])
def test_editors_and_administrators_open_every_editor_page(client, pages, kind):
    client.force_login(person(kind))
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)


@pytest.mark.parametrize("kind", ["citizen", "officer", "operator"])
def test_other_users_get_403(client, pages, kind):
    client.force_login(person(kind))
    assert [client.get(url).status_code for url in pages] == [403] * len(pages)


def test_an_anonymous_visitor_is_sent_to_log_in(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("kind", ["citizen", "officer"])
def test_other_users_cannot_save_anything(client, kind):
    client.force_login(person(kind))

    client.post(reverse("infodesk:editor_service_new"), service_post())
    client.post(reverse("infodesk:editor_regulation_new"), regulation_post())

    assert not Service.objects.exists()
    assert not Regulation.objects.exists()


def test_an_unknown_entry_is_404(client):
    client.force_login(person("editor"))
    assert client.get(reverse("infodesk:editor_service", args=[999])).status_code == 404
