"""The officer registers the procedure's notices and decisions from the desk page."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence, OutgoingDocument

from .factories import UnitFactory
from .procedure_helpers import (
    access_officer,
    item,
    manage_url,
    officer,
    officer_of,
    pdf_upload,
    private_media,
    requester,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["item", "officer", "private_media", "requester", "unit"]  # fixtures
Status = Correspondence.Status


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_the_desk_page_offers_the_procedure_forms(officer_client, item):
    page = officer_client.get(manage_url(item)).text
    assert "Уведомление за уточняване (чл. 29 ЗДОИ)" in page
    assert 'value="access_decide"' in page
    assert 'enctype="multipart/form-data"' in page


def test_a_notice_with_a_document_is_registered_and_sent(
    officer_client, item, private_media, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            manage_url(item),
            {"action": "access_clarification", "text": "Уточнете периода.", "files": pdf_upload()},
        )
    assert response.status_code == 302
    assert response["Location"] == manage_url(item)
    item.refresh_from_db()
    assert item.status == Status.AWAITING_CLARIFICATION
    document = item.outgoing_documents.get()
    assert document.attachments.get().content_type == "application/pdf"
    assert document.number in mail.outbox[0].body
    page = officer_client.get(manage_url(item)).text
    assert f"регистрирано с номер {document.number}" in page


def test_a_file_that_is_not_a_document_is_refused_beside_the_form(officer_client, item):
    response = officer_client.post(
        manage_url(item),
        {
            "action": "access_not_held",
            "text": "Нямаме.",
            "files": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "x.pdf" in response.text
    assert item.outgoing_documents.count() == 0


def test_a_decision_with_a_short_time_limit_shows_the_error(officer_client, item):
    response = officer_client.post(
        manage_url(item),
        {
            "action": "access_decide",
            "outcome": "grant",
            "text": "Предоставя се достъп.",
            "form_of_access": "electronic",
            "place": "по имейл",
            "time_limit": "10",
            "costs": "без разходи",
            "appeal_info": "пред съда",
        },
    )
    assert response.status_code == 400
    assert 'id="id_access_decide_time_limit"' in response.text
    assert "30" in response.text
    item.refresh_from_db()
    assert item.status == Status.REGISTERED


def test_a_refusal_without_a_ground_shows_the_service_error_beside_the_field(officer_client, item):
    response = officer_client.post(
        manage_url(item),
        {"action": "access_decide", "outcome": "refuse", "text": "Отказ.", "appeal_info": "x"},
    )
    assert response.status_code == 400
    assert "Изберете правното основание." in response.text
    assert response.context["procedure_forms"]["access_decide"].errors["refusal_ground"]


def test_a_partial_grant_through_the_page(officer_client, item):
    response = officer_client.post(
        manage_url(item),
        {
            "action": "access_decide",
            "outcome": "partial",
            "text": "Частичен достъп: без личните данни.",
            "form_of_access": "paper_copy",
            "place": "Център за услуги, гише 3",
            "time_limit": "30",
            "costs": "0,10 лв. на страница",
            "refusal_ground": "personal_data",
            "appeal_info": "пред Административен съд – София област",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PARTIALLY_GRANTED
    assert item.outgoing_documents.get().kind == OutgoingDocument.Kind.DECISION_PARTIAL
    assert item.access_request.refusal_ground == "personal_data"


def test_an_extension_through_the_page_moves_the_deadline(officer_client, item):
    Correspondence.objects.filter(pk=item.pk).update(due_at=date(2026, 6, 15))
    officer_client.post(
        manage_url(item),
        {"action": "access_extend", "reason": "third_party", "text": "Искаме съгласие."},
    )
    item.refresh_from_db()
    assert (item.status, item.due_at) == (Status.EXTENDED, date(2026, 6, 29))


def test_an_action_the_status_does_not_allow_is_refused_with_a_message(officer_client, item):
    officer_client.post(manage_url(item), {"action": "access_not_held", "text": "Нямаме."})
    response = officer_client.post(
        manage_url(item),
        {"action": "access_forward", "body_name": "Областна администрация", "text": "Препращаме."},
        follow=True,
    )
    assert "не е възможно в сегашното състояние" in response.text
    item.refresh_from_db()
    assert item.status == Status.NOT_HELD
    assert "Процедурата по заявлението е приключила" in response.text


def test_an_officer_of_another_unit_gets_404(client, item):
    client.force_login(officer_of(UnitFactory()))
    response = client.post(manage_url(item), {"action": "access_not_held", "text": "Нямаме."})
    assert response.status_code == 404
    assert item.outgoing_documents.count() == 0


def test_the_access_officer_can_act_on_any_unit_s_request(client, item):
    client.force_login(access_officer())
    response = client.post(manage_url(item), {"action": "access_not_held", "text": "Нямаме."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.NOT_HELD


def test_the_requester_cannot_post_procedure_actions(client, item, requester):
    client.force_login(requester)
    response = client.post(manage_url(item), {"action": "access_not_held", "text": "Нямаме."})
    assert response.status_code in (403, 404)
    assert item.outgoing_documents.count() == 0
