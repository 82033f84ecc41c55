"""The answer: an outgoing document with its own number and file, sent to the sender."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence, OutgoingDocument

from .desk_helpers import PDF_BYTES, manage_url, officer_of
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def item(unit):
    return file_document(
        kind=Correspondence.Kind.COMPLAINT, addressee=unit, sender_email="maria@example.bg"
    )


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


def answer(client, item, **data):
    data.setdefault("action", "answer")
    data.setdefault("kind", "answer")
    data.setdefault("text", "Ремонтът е планиран за май.")
    return client.post(manage_url(item), data)


def test_an_answer_with_a_pdf_gets_an_outgoing_number_and_reaches_the_sender(
    client, item, officer, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("otgovor.pdf", PDF_BYTES, content_type="application/pdf")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, item, files=pdf)
    assert response.status_code == 302
    document = item.outgoing_documents.get()
    assert document.number.startswith("И-")
    assert document.kind == OutgoingDocument.Kind.ANSWER
    assert document.attachments.get().original_name == "otgovor.pdf"
    item.refresh_from_db()
    assert item.status == Correspondence.Status.ANSWERED
    [message] = [email for email in mail.outbox if email.to == ["maria@example.bg"]]
    assert document.number in message.body
    page = client.get(manage_url(item)).text
    assert document.number in page
    assert "otgovor.pdf" in page


def test_a_file_that_is_not_a_document_is_refused(client, item, officer):
    script = SimpleUploadedFile(
        "otgovor.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf"
    )
    response = answer(client, item, files=script)
    assert response.status_code == 400
    assert "не е в разрешен формат" in response.text
    assert not item.outgoing_documents.exists()


def test_another_outgoing_document_keeps_the_status(client, item, officer):
    answer(client, item, kind="other", text="Искане на становище от РДНСК")
    document = item.outgoing_documents.get()
    assert document.kind == OutgoingDocument.Kind.OTHER
    item.refresh_from_db()
    assert item.status == Correspondence.Status.REGISTERED


def test_a_closed_document_takes_no_answer_until_reopened(client, item, officer):
    client.post(manage_url(item), {"action": "status", "status": "closed", "message": "Оттеглена."})
    response = answer(client, item)
    assert response.status_code == 400
    assert "Документът е приключен" in response.text
    assert not item.outgoing_documents.exists()
