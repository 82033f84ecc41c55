"""Creating and editing a service on the editor's page, with a preview."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Service
from obshtina.infodesk.selectors.search import search_knowledge

from .editor_helpers import fake_pdf, pdf, person, service_post, theme

pytestmark = pytest.mark.django_db

NEW = "infodesk:editor_service_new"


@pytest.fixture
def editor(client):
    user = person("editor")
    client.force_login(user)
    return user


@pytest.mark.parametrize("kind", ["editor", "administrator"])
def test_an_editor_or_administrator_creates_a_service(client, kind):
    client.force_login(person(kind))
    birth = theme()

    response = client.post(reverse(NEW), service_post(themes=[birth.pk]))

    service = Service.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("infodesk:editor_service", args=[service.pk])
    assert service.name == "Адресна регистрация по постоянен адрес"
    assert service.is_published
    assert list(service.themes.all()) == [birth]


def test_the_saved_service_is_found_by_search_and_shown_publicly(client, editor):
    client.post(reverse(NEW), service_post())

    hits = search_knowledge("адресни регистрации")
    assert [hit.title for hit in hits] == ["Адресна регистрация по постоянен адрес"]
    assert client.get(hits[0].url).status_code == 200


def test_preview_shows_the_page_and_saves_nothing(client, editor):
    response = client.post(reverse(NEW), service_post(action="preview"))

    assert response.status_code == 200
    assert "Преглед – така ще изглежда публичната страница" in response.content.decode()
    assert "Закон за гражданската регистрация, чл. 92." in response.content.decode()
    assert not Service.objects.exists()


def test_preview_of_an_existing_service_keeps_the_stored_version(client, editor):
    client.post(reverse(NEW), service_post())
    service = Service.objects.get()

    response = client.post(
        reverse("infodesk:editor_service", args=[service.pk]),
        service_post(name="Ново име", action="preview"),
    )

    assert "Ново име" in response.content.decode()
    service.refresh_from_db()
    assert service.name == "Адресна регистрация по постоянен адрес"


def test_editing_changes_the_text_and_keeps_the_address_of_the_page(client, editor):
    client.post(reverse(NEW), service_post())
    service = Service.objects.get()
    slug = service.slug

    client.post(
        reverse("infodesk:editor_service", args=[service.pk]),
        service_post(name="Адресна регистрация", fees="5 лв."),
    )

    service.refresh_from_db()
    assert (service.name, service.fees, service.slug) == ("Адресна регистрация", "5 лв.", slug)


def test_a_missing_name_is_shown_beside_the_field_and_nothing_typed_is_lost(client, editor):
    response = client.post(reverse(NEW), service_post(name=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Моля, поправете отбелязаните полета." in page
    assert "Заявление по образец; документ за самоличност." in page
    assert not Service.objects.exists()


def test_a_form_file_is_attached_and_can_be_removed(client, editor):
    client.post(reverse(NEW), service_post(form_title="Заявление", form_file=pdf()))
    service = Service.objects.get()
    form = service.forms.get()
    assert form.title == "Заявление"

    client.post(
        reverse("infodesk:editor_service", args=[service.pk]), service_post(remove_forms=[form.pk])
    )

    assert not service.forms.exists()


def test_a_file_that_is_not_a_document_is_refused_with_a_message(client, editor):
    response = client.post(reverse(NEW), service_post(form_title="Бланка", form_file=fake_pdf()))

    assert response.status_code == 200
    assert "Файлът не е в разрешен формат." in response.content.decode()
    assert not Service.objects.exists()


def test_a_new_service_is_a_draft_until_the_editor_ticks_publish(client, editor):
    page = client.get(reverse(NEW)).content.decode()
    assert 'name="is_published" id="id_is_published" checked' not in page

    client.post(reverse(NEW), service_post(is_published=None))

    assert not Service.objects.get().is_published
    assert search_knowledge("адресна регистрация") == []
