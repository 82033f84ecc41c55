"""A document's desk page shows everything the officer needs, internal parts marked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services.desk import correspondence_add_note

from .desk_helpers import PDF_BYTES, manage_url, officer_of, registry_clerk
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


def test_the_officer_sees_the_sender_and_the_text(client, unit):
    item = file_document(
        addressee=unit,
        sender_name="Мария Иванова",
        sender_email="maria@example.bg",
        sender_phone="+359888111222",
        organisation={"name": "Самоков Строй ЕООД", "eik": "831207480", "role": "управител"},
        sender_type=Correspondence.SenderType.COMPANY,
    )
    client.force_login(officer_of(unit))
    response = client.get(manage_url(item))
    assert response.status_code == 200
    for text in [
        item.number,
        "Мария Иванова",
        "maria@example.bg",
        "+359888111222",
        "Самоков Строй ЕООД",
        "Моля, ремонтирайте ул. „Рила“.",
    ]:
        assert text in response.text


def test_attachments_are_linked_through_the_checked_download(client, unit):
    upload = SimpleUploadedFile("skica.pdf", PDF_BYTES, content_type="application/pdf")
    item = file_document(addressee=unit, attachments=[(upload, "application/pdf")])
    attachment = item.attachments.get()
    client.force_login(officer_of(unit))
    page = client.get(manage_url(item)).text
    assert "skica.pdf" in page
    assert f'href="{attachment.get_absolute_url()}"' in page
    assert "/media/" not in page


def test_internal_notes_are_marked_in_the_timeline(client, unit):
    item = file_document(addressee=unit)
    clerk = registry_clerk()
    correspondence_add_note(item=item, actor=clerk, note="Да се провери в кадастъра")
    client.force_login(clerk)
    page = client.get(manage_url(item)).text
    assert "Да се провери в кадастъра" in page
    assert "вътрешна" in page


def test_an_access_request_shows_the_requested_information_and_no_letter_status_form(client, unit):
    item = file_document(kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit)
    client.force_login(officer_of(unit))
    page = client.get(manage_url(item)).text
    assert "Договорите за снегопочистване" in page
    assert 'value="status"' not in page
    assert 'value="answer"' not in page
    assert 'value="route"' in page


def test_a_letter_status_action_on_an_access_request_is_refused(client, unit):
    item = file_document(kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit)
    client.force_login(officer_of(unit))
    response = client.post(manage_url(item), {"action": "status", "status": "in_review"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Correspondence.Status.REGISTERED


def test_an_access_request_page_offers_the_procedure_and_dispatches_its_actions(client, unit):
    item = file_document(kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit)
    client.force_login(officer_of(unit))
    assert 'value="access_clarification"' in client.get(manage_url(item)).text
    response = client.post(
        manage_url(item),
        {"action": "access_clarification", "text": "Посочете за кой период."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Correspondence.Status.AWAITING_CLARIFICATION


def test_a_procedure_action_on_a_letter_is_unknown(client, unit):
    item = file_document(addressee=unit)
    client.force_login(officer_of(unit))
    client.post(manage_url(item), {"action": "access_clarification", "text": "Уточнете."})
    item.refresh_from_db()
    assert item.status == Correspondence.Status.REGISTERED
    assert not item.outgoing_documents.exists()
