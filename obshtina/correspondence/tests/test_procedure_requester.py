"""The requester's part: clarifying a request (the 14 days restart), confirming access
received, and the daily closing of requests not clarified in 30 days (ЗДОИ, чл. 29)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.correspondence.services import procedure
from obshtina.correspondence.services.errors import CorrespondenceError
from obshtina.correspondence.tasks import close_unclarified_access_requests

from .factories import UserFactory
from .procedure_helpers import (
    GRANT_TERMS,
    awaiting,
    item,
    officer,
    requester,
    today,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["awaiting", "item", "officer", "requester", "today", "unit"]  # fixtures
Status = Correspondence.Status


def test_clarifying_restarts_the_14_days_from_the_clarification(awaiting, requester, today):
    today(date(2026, 9, 8))
    procedure.access_clarify(item=awaiting, author=requester, text="За 2025 г.")
    assert awaiting.status == Status.IN_REVIEW
    assert awaiting.access_request.clarified_on == date(2026, 9, 8)
    assert awaiting.due_at == date(2026, 9, 23)  # 22 September is a holiday
    event = awaiting.events.get(kind=CorrespondenceEvent.Kind.CLARIFIED)
    assert event.visible_to_sender
    assert event.message == "За 2025 г."
    assert event.actor == requester


def test_only_the_requester_can_clarify(awaiting, officer):
    with pytest.raises(PermissionDenied):
        procedure.access_clarify(item=awaiting, author=officer, text="За 2025 г.")
    with pytest.raises(PermissionDenied):
        procedure.access_clarify(item=awaiting, author=UserFactory(), text="За 2025 г.")
    assert awaiting.status == Status.AWAITING_CLARIFICATION


def test_a_request_not_awaiting_clarification_cannot_be_clarified(item, requester):
    with pytest.raises(CorrespondenceError) as error:
        procedure.access_clarify(item=item, author=requester, text="Допълвам.")
    assert "не очаква уточнение" in error.value.messages[0]


def test_a_clarification_after_the_30_days_is_refused(awaiting, requester, today):
    today(date(2026, 9, 9))
    with pytest.raises(CorrespondenceError):
        procedure.access_clarify(item=awaiting, author=requester, text="Късно.")


def test_an_unclarified_request_stays_open_through_its_last_day(awaiting):
    assert procedure.access_close_unclarified(today=date(2026, 9, 8)) == 0
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_CLARIFICATION


def test_an_unclarified_request_is_closed_the_day_after_and_the_requester_told(
    awaiting, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert procedure.access_close_unclarified(today=date(2026, 9, 9)) == 1
    awaiting.refresh_from_db()
    assert awaiting.status == Status.CLOSED
    assert awaiting.due_at is None
    event = awaiting.events.get(kind=CorrespondenceEvent.Kind.CLOSED)
    assert "без разглеждане" in event.message
    [message] = mail.outbox
    assert message.to == [awaiting.sender_email]
    assert "без разглеждане" in message.body


def test_a_clarified_request_is_not_closed(awaiting, requester, today):
    today(date(2026, 9, 1))
    procedure.access_clarify(item=awaiting, author=requester, text="За 2025 г.")
    assert procedure.access_close_unclarified(today=date(2026, 10, 30)) == 0


def test_the_daily_command_and_task_close_the_unclarified(awaiting, today):
    today(date(2026, 9, 9))
    call_command("close_unclarified_access_requests", "--date", "2026-09-08")
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_CLARIFICATION
    result = close_unclarified_access_requests.enqueue()
    assert result.return_value == 1
    awaiting.refresh_from_db()
    assert awaiting.status == Status.CLOSED


def test_the_requester_confirms_access_and_the_request_closes(item, officer, requester):
    procedure.access_decide(
        item=item,
        actor=officer,
        outcome="grant",
        text="Достъп.",
        **GRANT_TERMS,
    )
    procedure.access_confirm_received(item=item, author=requester)
    assert item.status == Status.CLOSED
    assert item.access_request.access_confirmed_at is not None
    assert item.events.filter(kind=CorrespondenceEvent.Kind.ACCESS_CONFIRMED).exists()


def test_access_cannot_be_confirmed_before_a_grant(item, requester):
    with pytest.raises(CorrespondenceError):
        procedure.access_confirm_received(item=item, author=requester)
    assert item.status == Status.REGISTERED
