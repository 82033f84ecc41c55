""" "Подпиши с КЕП" on an answer: the PDF is stored signed by the official's qualified
certificate, and the desk page shows it as a valid qualified signature."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.desk_helpers import manage_url, officer_of
from obshtina.correspondence.tests.factories import UnitFactory, file_document

from . import signing

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(client, *, sign: bool):
    unit = UnitFactory()
    item = file_document(kind=Correspondence.Kind.COMPLAINT, addressee=unit)
    client.force_login(officer_of(unit))
    data = {
        "action": "answer",
        "kind": "answer",
        "text": "Ремонтът е планиран за май.",
        "files": SimpleUploadedFile("otgovor.pdf", signing.blank_pdf(), "application/pdf"),
    }
    if sign:
        data["sign_with_kep"] = "on"
    response = client.post(manage_url(item), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return item


def test_the_answer_s_pdf_is_stored_signed_and_shown_as_valid_qualified(
    client, signatures_trusted_lists, signing_by_pkcs11
):
    item = _answer(client, sign=True)
    attachment = item.outgoing_documents.get().attachments.get()
    assert attachment.signatures.get().is_valid_qualified
    page = client.get(manage_url(item)).content.decode()
    assert "Валиден квалифициран електронен подпис — Иван Петров Иванов" in page


def test_without_the_tick_the_pdf_stays_unsigned(client, signatures_trusted_lists, signing_by_csc):
    item = _answer(client, sign=False)
    assert not item.outgoing_documents.get().attachments.get().signatures.exists()


def test_with_signing_off_the_form_does_not_offer_it(client, settings):
    settings.SIGNATURES_SIGNING_BACKEND = "off"
    unit = UnitFactory()
    item = file_document(kind=Correspondence.Kind.COMPLAINT, addressee=unit)
    client.force_login(officer_of(unit))
    assert "Подпиши с КЕП" not in client.get(manage_url(item)).content.decode()


def test_an_access_decision_signed_through_the_csc_service_is_valid_qualified(
    signatures_trusted_lists, signing_by_csc
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from obshtina.correspondence.services import procedure

    unit = UnitFactory()
    item = file_document(kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit)
    upload = SimpleUploadedFile("решение.pdf", signing.blank_pdf(), "application/pdf")
    document = procedure.access_decide(
        item=item,
        actor=officer_of(unit),
        outcome="grant",
        text="Предоставя се достъп.",
        files=[(upload, "application/pdf")],
        form_of_access="electronic",
        place="по имейл",
        time_limit=30,
        costs="без разходи",
        sign_with_kep=True,
    )
    assert document.attachments.get().signatures.get().is_valid_qualified
