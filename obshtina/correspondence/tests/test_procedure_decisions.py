"""Decisions granting full or partial access or refusing it (ЗДОИ, чл. 34, 35, 37, 38)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from obshtina.correspondence.models import Correspondence, OutgoingDocument
from obshtina.correspondence.services import procedure
from obshtina.correspondence.services.errors import CorrespondenceError

from .factories import UnitFactory
from .procedure_helpers import (
    GRANT_TERMS,
    item,
    officer,
    officer_of,
    pdf_files,
    private_media,
    requester,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["item", "officer", "private_media", "requester", "unit"]  # fixtures
Status = Correspondence.Status


def test_a_grant_records_form_place_time_limit_and_costs(item, officer, private_media):
    due = item.due_at
    document = procedure.access_decide(
        item=item,
        actor=officer,
        outcome="grant",
        text="Предоставя се достъп.",
        files=pdf_files(),
        **GRANT_TERMS,
    )
    assert document.kind == OutgoingDocument.Kind.DECISION_GRANT
    assert document.number.startswith("И-")
    assert document.attachments.count() == 1
    assert item.status == Status.GRANTED
    assert item.due_at is None
    assert document.details["time_limit_days"] == 30
    assert document.details["costs"] == "без разходи"
    assert document.details["due_on"] == due.isoformat()
    assert "Административен съд" in document.details["appeal_info"]


def test_the_requester_is_emailed_the_decision(item, officer, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document = procedure.access_decide(
            item=item, actor=officer, outcome="partial", text="Частичен достъп.", **GRANT_TERMS
        )
    [message] = mail.outbox
    assert message.to == [item.sender_email]
    assert document.number in message.body
    assert "решение за частичен достъп" in message.body
    assert "в срок от 30 дни от получаване на решението; разходи: без разходи" in message.body
    assert item.status == Status.PARTIALLY_GRANTED


def test_access_must_stay_open_at_least_30_days(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_decide(
            item=item,
            actor=officer,
            outcome="grant",
            text="Предоставя се достъп.",
            **{**GRANT_TERMS, "time_limit": 29},
        )
    assert "чл. 35" in error.value.message_dict["time_limit"][0]
    assert item.outgoing_documents.count() == 0


def test_a_grant_without_its_terms_names_each_missing_one(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_decide(item=item, actor=officer, outcome="grant", text="Достъп.")
    assert set(error.value.message_dict) == {"form_of_access", "place", "time_limit", "costs"}


def test_a_refusal_stores_its_legal_ground_and_closes_the_request(item, officer):
    document = procedure.access_decide(
        item=item,
        actor=officer,
        outcome="refuse",
        text="Третото лице изрично отказа съгласие с писмо от 1.06.",
        refusal_ground="third_party_refused",
    )
    assert document.kind == OutgoingDocument.Kind.DECISION_REFUSE
    assert item.status == Status.REFUSED
    assert item.closed_at is not None
    assert item.access_request.refusal_ground == "third_party_refused"
    assert document.details["refusal_ground"] == "third_party_refused"
    assert "14-дневен срок" in item.events.get(outgoing=document).message


def test_a_refusal_needs_a_legal_ground(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_decide(item=item, actor=officer, outcome="refuse", text="Отказваме.")
    assert "refusal_ground" in error.value.message_dict


def test_the_appeal_information_may_be_written_by_the_officer(item, officer):
    document = procedure.access_decide(
        item=item,
        actor=officer,
        outcome="refuse",
        text="Класифицирана информация.",
        refusal_ground="classified",
        appeal_info="пред Административен съд – София област",
    )
    assert document.details["appeal_info"] == "пред Административен съд – София област"


def test_an_unknown_outcome_is_refused(item, officer):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_decide(item=item, actor=officer, outcome="maybe", text="Не знаем.")
    assert "outcome" in error.value.message_dict


def test_no_second_decision_on_a_decided_request(item, officer):
    procedure.access_decide(
        item=item, actor=officer, outcome="grant", text="Достъп.", **GRANT_TERMS
    )
    with pytest.raises(CorrespondenceError):
        procedure.access_decide(
            item=item,
            actor=officer,
            outcome="refuse",
            text="Отказ.",
            refusal_ground="other",
        )
    assert item.outgoing_documents.count() == 1


def test_a_decision_after_an_extension_keeps_the_extended_term(item, officer):
    Correspondence.objects.filter(pk=item.pk).update(due_at=date(2026, 6, 15))
    procedure.access_extend(item=item, actor=officer, reason="large_volume", text="Обем.")
    document = procedure.access_decide(
        item=item, actor=officer, outcome="grant", text="Достъп.", **GRANT_TERMS
    )
    assert document.details["due_on"] == "2026-06-25"


def test_an_officer_of_another_unit_cannot_decide(item):
    with pytest.raises(PermissionDenied):
        procedure.access_decide(
            item=item,
            actor=officer_of(UnitFactory()),
            outcome="grant",
            text="Достъп.",
            **GRANT_TERMS,
        )
    assert item.outgoing_documents.count() == 0
