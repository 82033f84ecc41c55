"""The item's page: facts, the sender's data, the law's fields, the municipality's
documents with their files, and the timeline (internal events for staff only)."""

import pytest
from django.urls import reverse

from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.correspondence.services.events import correspondence_event_record
from obshtina.correspondence.services.outgoing import outgoing_document_register

from .citizen_helpers import officer_of, pdf_upload, private_media
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db
__all__ = ["private_media"]

NOTE = "Да се провери договорът с фирмата."


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def request_item(unit):
    return file_document(
        kind=Correspondence.Kind.ACCESS_REQUEST,
        addressee=unit,
        sender_address="ул. Рила 1, Самоков",
        subject="Снегопочистване",
    )


def page(client, item, user) -> str:
    client.force_login(user)
    return client.get(
        reverse("correspondence:detail", kwargs={"number": item.number})
    ).content.decode()


def add_internal_note(item) -> None:
    correspondence_event_record(
        item=item,
        kind=CorrespondenceEvent.Kind.NOTE,
        internal_note=NOTE,
        visible_to_sender=False,
    )


def set_status(item, status: str) -> None:
    Correspondence.objects.filter(pk=item.pk).update(status=status)


def test_it_shows_the_number_date_status_deadline_and_the_laws_fields(client, request_item):
    html = page(client, request_item, request_item.author)
    assert request_item.number in html
    assert request_item.registered_at.astimezone().strftime("%d.%m.%Y") in html
    assert "регистрирано" in html
    assert request_item.due_at.strftime("%d.%m.%Y") in html
    assert "Договорите за снегопочистване" in html
    assert "копие на технически носител / по имейл / интернет адрес" in html
    assert "ул. Рила 1, Самоков" in html


def test_the_author_does_not_see_internal_notes(client, request_item):
    add_internal_note(request_item)
    html = page(client, request_item, request_item.author)
    assert NOTE not in html
    assert "вътрешно" not in html
    assert "Регистрирано" in html


def test_an_officer_sees_internal_notes_marked_as_internal(client, request_item, unit):
    add_internal_note(request_item)
    html = page(client, request_item, officer_of(unit))
    assert NOTE in html
    assert "вътрешно" in html


def test_the_municipalitys_documents_and_their_files_are_shown(
    client, request_item, unit, private_media
):
    document = outgoing_document_register(
        item=request_item,
        actor=officer_of(unit),
        kind="decision_partial",
        text="Предоставя се частичен достъп.",
        files=[(pdf_upload("решение.pdf"), "application/pdf")],
        to_status=Correspondence.Status.PARTIALLY_GRANTED,
    )
    html = page(client, request_item, request_item.author)
    file = document.attachments.get()
    assert document.number in html
    assert "Решение за частичен достъп" in html
    assert "Предоставя се частичен достъп." in html
    assert file.get_absolute_url() in html
    assert "решение.pdf" in html
    assert "частично предоставен достъп" in html


def test_an_author_awaiting_clarification_gets_the_clarification_form(client, request_item):
    set_status(request_item, Correspondence.Status.AWAITING_CLARIFICATION)
    html = page(client, request_item, request_item.author)
    assert reverse("correspondence:clarify", kwargs={"number": request_item.number}) in html


def test_an_officer_gets_no_clarification_form(client, request_item, unit):
    set_status(request_item, Correspondence.Status.AWAITING_CLARIFICATION)
    html = page(client, request_item, officer_of(unit))
    assert reverse("correspondence:clarify", kwargs={"number": request_item.number}) not in html


@pytest.mark.parametrize("status", ["granted", "partially_granted"])
def test_an_author_granted_access_can_confirm_receiving_it(client, request_item, status):
    set_status(request_item, status)
    html = page(client, request_item, request_item.author)
    assert "Потвърждавам, че получих достъп" in html
    assert reverse("correspondence:confirm_access", kwargs={"number": request_item.number}) in html


def test_a_registered_request_offers_neither_form(client, request_item):
    html = page(client, request_item, request_item.author)
    assert "Потвърждавам, че получих достъп" not in html
    assert reverse("correspondence:clarify", kwargs={"number": request_item.number}) not in html


def test_a_company_letter_shows_the_organisation(client):
    item = file_document(
        sender_type=Correspondence.SenderType.COMPANY,
        organisation={"name": "Рила ЕООД", "eik": "831641791", "address": "", "role": "управител"},
    )
    html = page(client, item, item.author)
    assert "Рила ЕООД" in html
    assert "831641791" in html
    assert "управител" in html
