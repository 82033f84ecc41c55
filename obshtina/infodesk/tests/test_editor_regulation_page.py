"""Creating and editing a regulation on the editor's page, with its file."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Regulation
from obshtina.infodesk.selectors.search import search_knowledge

from .editor_helpers import fake_pdf, pdf, person, regulation_post

pytestmark = pytest.mark.django_db

NEW = "infodesk:editor_regulation_new"


@pytest.fixture
def editor(client):
    user = person("editor")
    client.force_login(user)
    return user


def test_an_editor_creates_a_regulation_with_its_file(client, editor):
    response = client.post(reverse(NEW), regulation_post(file=pdf("naredba.pdf")))

    regulation = Regulation.objects.get()
    assert response.status_code == 302
    assert regulation.number == "12"
    assert regulation.adopted_on.isoformat() == "2024-03-28"
    assert regulation.file.read().startswith(b"%PDF-")


def test_the_saved_regulation_is_found_by_search(client, editor):
    client.post(reverse(NEW), regulation_post())

    assert [hit.kind for hit in search_knowledge("обществен ред")] == ["regulation"]


def test_an_administrator_repeals_a_regulation(client):
    client.force_login(person("administrator"))
    client.post(reverse(NEW), regulation_post())
    regulation = Regulation.objects.get()

    client.post(
        reverse("infodesk:editor_regulation", args=[regulation.pk]),
        regulation_post(status="repealed"),
    )

    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.REPEALED


def test_preview_saves_nothing(client, editor):
    response = client.post(reverse(NEW), regulation_post(action="preview"))

    assert "Правила за обществения ред, тишината и чистотата." in response.content.decode()
    assert "28.03.2024" in response.content.decode()
    assert not Regulation.objects.exists()


def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(client, editor):
    response = client.post(reverse(NEW), regulation_post(file=fake_pdf("naredba.pdf")))

    assert response.status_code == 200
    assert "Файлът не е в разрешен формат." in response.content.decode()
    assert not Regulation.objects.exists()


def test_a_bad_date_is_shown_beside_the_field(client, editor):
    response = client.post(reverse(NEW), regulation_post(adopted_on="32.13.2024"))

    assert response.status_code == 200
    assert "Въведете валидна дата." in response.content.decode()
    assert not Regulation.objects.exists()
