""" "Подай писмо / жалба / предложение / заявление" through the real URL."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.correspondence.models import AccessRequest, Correspondence

from .citizen_helpers import pdf_upload, private_media
from .factories import UnitFactory

pytestmark = pytest.mark.django_db

URL = reverse("correspondence:new")
__all__ = ["private_media"]


@pytest.fixture
def citizen(client):
    user = UserFactory(first_name="Мария", last_name="Иванова")
    client.force_login(user)
    return user


def letter(**overrides) -> dict:
    data = {
        "kind": "letter",
        "addressee": "",
        "subject": "Ремонт на улица",
        "text": "Моля, ремонтирайте ул. „Рила“.",
        "sender_type": "citizen",
        "sender_name": "Мария Иванова",
        "sender_email": "maria@example.bg",
        "sender_phone": "0888123456",
        "sender_address": "ул. Рила 1, Самоков",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_log_in_and_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_after_logging_in_the_citizen_comes_back_to_the_form(client):
    user = UserFactory()
    response = client.post(
        f"{reverse('account_login')}?next={URL}",
        {"login": user.email, "password": PASSWORD, "next": URL},
    )
    assert response.status_code == 302
    assert response["Location"] == URL


def test_the_form_is_filled_in_from_the_profile(client, citizen):
    html = client.get(URL).content.decode()
    assert 'value="Мария Иванова"' in html
    assert f'value="{citizen.email}"' in html
    assert "Не знам – деловодството ще го насочи" in html


def test_filing_a_letter_with_a_pdf_registers_it_and_stores_the_file_privately(
    client, citizen, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, letter(attachments=[pdf_upload()]), follow=True)
    item = Correspondence.objects.get(author=citizen)
    assert response.redirect_chain == [(item.get_absolute_url(), 302)]
    page = response.content.decode()
    assert f"Документът е регистриран с номер {item.number} от" in page
    assert item.registered_at.astimezone().strftime("%d.%m.%Y") in page
    file = item.attachments.get()
    assert file.original_name == "молба.pdf"
    assert file.content_type == "application/pdf"
    stored = Path(file.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "молба" not in stored.name
    assert [message.to for message in mail.outbox] == [["maria@example.bg"]]
    assert item.number in mail.outbox[0].subject
    assert item.get_absolute_url() in mail.outbox[0].body


def test_a_letter_without_an_addressee_waits_at_the_registry_desk(client, citizen):
    desk = UnitFactory(slug="delovodstvo", name="Деловодство")
    client.post(URL, letter())
    item = Correspondence.objects.get(author=citizen)
    assert item.addressee is None
    assert item.unit == desk


def test_a_letter_to_a_unit_lands_there(client, citizen):
    unit = UnitFactory()
    client.post(URL, letter(addressee=unit.pk))
    assert Correspondence.objects.get(author=citizen).unit == unit


def test_an_access_request_stores_the_laws_fields(client, citizen):
    client.post(
        URL,
        letter(
            kind="access_request",
            information_description="Договорите за снегопочистване за 2025 г.",
            access_form="electronic",
            sender_type="journalist",
        ),
    )
    request = AccessRequest.objects.get(correspondence__author=citizen)
    assert request.information_description == "Договорите за снегопочистване за 2025 г."
    assert request.access_form == "electronic"
    assert request.correspondence.sender_type == "journalist"
    assert request.correspondence.number.startswith("ЗДОИ-")


def test_an_access_request_without_a_description_shows_why_and_keeps_the_text(client, citizen):
    response = client.post(URL, letter(kind="access_request", access_form="oral"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Опишете исканата информация." in html
    assert "Моля, ремонтирайте ул. „Рила“." in html
    assert not Correspondence.objects.exists()


def test_an_access_request_needs_the_form_of_access_and_an_address(client, citizen):
    response = client.post(
        URL,
        letter(kind="access_request", information_description="Бюджетът", sender_address=""),
    )
    html = response.content.decode()
    assert "Изберете предпочитаната форма на достъп." in html
    assert "Посочете адрес за кореспонденция." in html


def test_a_company_files_with_its_eik(client, citizen):
    client.post(
        URL,
        letter(
            sender_type="company",
            organisation_name="Рила ЕООД",
            organisation_eik=" 831641791 ",
            organisation_address="Самоков, ул. Търговска 5",
            organisation_role="управител",
        ),
    )
    item = Correspondence.objects.get(author=citizen)
    assert (item.organisation_name, item.organisation_eik, item.organisation_role) == (
        "Рила ЕООД",
        "831641791",
        "управител",
    )


def test_a_bad_eik_is_shown_next_to_its_field(client, citizen):
    response = client.post(
        URL,
        letter(
            sender_type="company",
            organisation_name="Рила ЕООД",
            organisation_eik="831641792",
            organisation_address="Самоков",
            organisation_role="управител",
        ),
    )
    form = response.context["form"]
    assert form.errors["organisation_eik"] == [
        "Невалиден ЕИК / БУЛСТАТ: въведете 9 или 13 цифри с вярна контролна цифра."
    ]
    assert "Невалиден ЕИК" in response.content.decode()
    assert not Correspondence.objects.exists()


def test_an_ngo_must_name_itself(client, citizen):
    response = client.post(URL, letter(sender_type="ngo"))
    errors = response.context["form"].errors
    assert set(errors) == {
        "organisation_name",
        "organisation_eik",
        "organisation_address",
        "organisation_role",
    }


def test_a_text_file_renamed_to_pdf_is_refused_and_the_citizen_told_why(client, citizen):
    fake = SimpleUploadedFile("договор.pdf", "Само текст".encode(), content_type="application/pdf")
    response = client.post(URL, letter(attachments=[fake]))
    html = response.content.decode()
    assert "„договор.pdf“: Файлът не е в разрешен формат." in html
    assert 'value="Ремонт на улица"' in html
    assert not Correspondence.objects.exists()


def test_files_must_be_attached_again_after_another_error(client, citizen):
    response = client.post(URL, letter(subject="", attachments=[pdf_upload()]))
    assert "Прикачете файловете отново" in response.content.decode()


def test_at_most_five_files(client, citizen):
    files = [pdf_upload(f"{number}.pdf") for number in range(6)]
    response = client.post(URL, letter(attachments=files))
    assert "най-много 5 файла" in response.content.decode()
    assert not Correspondence.objects.exists()
