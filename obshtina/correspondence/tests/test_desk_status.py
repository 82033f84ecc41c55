"""Complaints and proposals: registered → in review → answered → closed."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence

from .desk_helpers import PDF_BYTES, manage_url, officer_of
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db

Status = Correspondence.Status


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


@pytest.mark.parametrize("kind", [Correspondence.Kind.COMPLAINT, Correspondence.Kind.PROPOSAL])
def test_a_complaint_or_proposal_goes_through_its_flow(
    client, unit, officer, kind, django_capture_on_commit_callbacks
):
    item = file_document(kind=kind, addressee=unit, sender_email="maria@example.bg")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(item), {"action": "status", "status": "in_review"})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert "в разглеждане" in mail.outbox[-1].body

    pdf = SimpleUploadedFile("otgovor.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(
        manage_url(item),
        {"action": "answer", "kind": "answer", "text": "Ремонтът е планиран.", "files": pdf},
    )
    item.refresh_from_db()
    assert item.status == Status.ANSWERED

    client.post(manage_url(item), {"action": "status", "status": "closed"})
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    assert item.closed_at is not None
    assert [event.to_status for event in item.events.all()] == [
        "registered",
        "in_review",
        "answered",
        "closed",
    ]


def test_answered_cannot_be_set_by_hand(client, unit, officer):
    item = file_document(kind=Correspondence.Kind.COMPLAINT, addressee=unit)
    response = client.post(manage_url(item), {"action": "status", "status": "answered"})
    assert response.status_code == 400
    assert "Документ в състояние „регистрирано“ не може да стане „отговорено“." in response.text
    item.refresh_from_db()
    assert item.status == Status.REGISTERED


def test_a_status_from_another_flow_is_refused(client, unit, officer):
    item = file_document(kind=Correspondence.Kind.PROPOSAL, addressee=unit)
    response = client.post(manage_url(item), {"action": "status", "status": "granted"})
    assert response.status_code == 400
    assert "не може да стане „предоставен достъп“" in response.text


def test_closing_without_an_answer_needs_a_reason_for_the_sender(client, unit, officer):
    item = file_document(kind=Correspondence.Kind.LETTER, addressee=unit)
    response = client.post(manage_url(item), {"action": "status", "status": "closed"})
    assert response.status_code == 400
    assert "защо документът се приключва без отговор" in response.text
    client.post(
        manage_url(item),
        {"action": "status", "status": "closed", "message": "Писмото е за сведение."},
    )
    item.refresh_from_db()
    assert item.status == Status.CLOSED


def test_a_closed_document_can_be_reopened_for_review(client, unit, officer):
    item = file_document(addressee=unit)
    client.post(
        manage_url(item), {"action": "status", "status": "closed", "message": "За сведение."}
    )
    client.post(manage_url(item), {"action": "status", "status": "in_review"})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert item.closed_at is None
