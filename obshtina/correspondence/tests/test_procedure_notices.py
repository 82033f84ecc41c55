"""The officer's notices: clarification, extension, forwarding, "not held" (ЗДОИ, чл. 29–33).

Each registers an outgoing document with its own number and files, e-mails the
requester, and moves the status and the decision term as the law says.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from obshtina.correspondence.models import Correspondence, OutgoingDocument
from obshtina.correspondence.services import procedure
from obshtina.correspondence.services.errors import CorrespondenceError

from .factories import UnitFactory, file_document
from .procedure_helpers import (
    access_officer,
    item,
    officer,
    officer_of,
    pdf_files,
    private_media,
    requester,
    today,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["item", "officer", "private_media", "requester", "today", "unit"]  # fixtures
Status = Correspondence.Status


def test_a_clarification_notice_gives_the_requester_30_days(item, officer, today):
    today(date(2026, 8, 7))
    document = procedure.access_clarification_request(
        item=item, actor=officer, text="Уточнете за кой период."
    )
    assert document.number.startswith("И-")
    assert document.kind == OutgoingDocument.Kind.CLARIFICATION_NOTICE
    assert item.status == Status.AWAITING_CLARIFICATION
    # 30 days end on Sunday 6 September; Monday 7 is its observed holiday.
    assert item.due_at == date(2026, 9, 8)
    assert item.access_request.clarification_due_on == date(2026, 9, 8)
    assert item.access_request.clarification_requested_on == date(2026, 8, 7)


def test_the_requester_is_emailed_the_notice_and_its_number(
    item, officer, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document = procedure.access_clarification_request(
            item=item, actor=officer, text="Уточнете за кой период."
        )
    [message] = mail.outbox
    assert message.to == [item.sender_email]
    assert item.number in message.subject
    assert document.number in message.body
    assert "уточнение" in message.body


def test_the_notice_carries_its_files_and_shows_on_the_timeline(item, officer, private_media):
    document = procedure.access_clarification_request(
        item=item, actor=officer, text="Вижте приложеното.", files=pdf_files()
    )
    [attachment] = document.attachments.all()
    assert attachment.original_name == "решение.pdf"
    assert attachment.correspondence == item
    event = item.events.get(outgoing=document)
    assert event.visible_to_sender
    assert (event.from_status, event.to_status) == (
        Status.REGISTERED,
        Status.AWAITING_CLARIFICATION,
    )


def test_an_extension_for_a_large_volume_adds_10_days_to_the_term(item, officer):
    Correspondence.objects.filter(pk=item.pk).update(due_at=date(2026, 4, 30))
    document = procedure.access_extend(
        item=item, actor=officer, reason="large_volume", text="Голямо количество."
    )
    item.refresh_from_db()
    assert item.status == Status.EXTENDED
    assert item.due_at == date(2026, 5, 11)  # 10 May is a Sunday
    assert item.access_request.extension_reason == "large_volume"
    assert document.details["previous_due_on"] == "2026-04-30"


def test_an_extension_for_a_third_party_adds_14_days(item, officer):
    Correspondence.objects.filter(pk=item.pk).update(due_at=date(2026, 6, 15))
    procedure.access_extend(item=item, actor=officer, reason="third_party", text="Трето лице.")
    assert item.due_at == date(2026, 6, 29)


def test_the_same_ground_cannot_extend_the_term_twice(item, officer):
    procedure.access_extend(item=item, actor=officer, reason="large_volume", text="Обем.")
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_extend(item=item, actor=officer, reason="large_volume", text="Пак.")
    assert "reason" in error.value.message_dict


def test_an_unknown_extension_ground_is_refused(item, officer):
    with pytest.raises(CorrespondenceError):
        procedure.access_extend(item=item, actor=officer, reason="busy", text="Заети сме.")
    assert item.outgoing_documents.count() == 0


def test_forwarding_ends_the_procedure_for_the_municipality(item, officer):
    document = procedure.access_forward(
        item=item, actor=officer, body_name="Областна администрация – София", text="Препращаме."
    )
    assert item.status == Status.FORWARDED
    assert item.due_at is None
    assert item.closed_at is not None
    assert document.details["body_name"] == "Областна администрация – София"
    assert "Областна администрация" in item.events.get(outgoing=document).message


def test_forwarding_needs_the_body(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_forward(item=item, actor=officer, body_name="  ", text="Препращаме.")
    assert "body_name" in error.value.message_dict


def test_a_not_held_notice_closes_the_request(item, officer):
    document = procedure.access_not_held(item=item, actor=officer, text="Нямаме тези данни.")
    assert document.kind == OutgoingDocument.Kind.NOT_HELD_NOTICE
    assert item.status == Status.NOT_HELD
    assert item.due_at is None


def test_a_notice_needs_its_text(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_not_held(item=item, actor=officer, text=" ")
    assert "text" in error.value.message_dict
    assert item.outgoing_documents.count() == 0


def test_no_notice_after_the_request_is_closed(item, officer):
    procedure.access_not_held(item=item, actor=officer, text="Нямаме тези данни.")
    with pytest.raises(CorrespondenceError):
        procedure.access_clarification_request(item=item, actor=officer, text="Уточнете.")
    with pytest.raises(CorrespondenceError):
        procedure.access_extend(item=item, actor=officer, reason="third_party", text="Още.")
    assert item.outgoing_documents.count() == 1


def test_an_officer_of_another_unit_cannot_act(item):
    stranger = officer_of(UnitFactory())
    with pytest.raises(PermissionDenied):
        procedure.access_clarification_request(item=item, actor=stranger, text="Уточнете.")
    with pytest.raises(PermissionDenied):
        procedure.access_forward(item=item, actor=stranger, body_name="", text="")
    assert item.outgoing_documents.count() == 0


def test_the_requester_cannot_register_notices_on_their_own_request(item, requester):
    with pytest.raises(PermissionDenied):
        procedure.access_not_held(item=item, actor=requester, text="Нямаме.")


def test_the_access_officer_acts_on_requests_of_every_unit(item):
    procedure.access_extend(item=item, actor=access_officer(), reason="large_volume", text="Обем.")
    assert item.status == Status.EXTENDED


def test_a_letter_has_no_access_procedure(officer, unit):
    letter = file_document(addressee=unit)
    with pytest.raises(CorrespondenceError):
        procedure.access_not_held(item=letter, actor=officer, text="Нямаме.")
