"""The officers' morning digest of due and overdue documents."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services.desk import due_digest_send
from obshtina.correspondence.tasks import send_due_digests

from .desk_helpers import due_in, manage_url, officer_of
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


def sent_to(address: str):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_assigned_officer_gets_their_due_items_and_nobody_else_in_the_unit(
    unit, django_capture_on_commit_callbacks
):
    engineer = officer_of(unit, email="engineer@samokov.bg")
    officer_of(unit, email="colleague@samokov.bg")
    late = due_in(file_document(addressee=unit, subject="Дупка на ул. „Рила“"), -2)
    Correspondence.objects.filter(pk=late.pk).update(assigned_to=engineer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        due_digest_send()

    [digest] = sent_to("engineer@samokov.bg")
    assert late.number in digest.body
    assert "Дупка на ул. „Рила“" in digest.body
    assert "просрочен с 2 дни" in digest.body
    assert manage_url(late) in digest.body
    assert "просрочени 1" in digest.subject
    assert sent_to("colleague@samokov.bg") == []


def test_an_unassigned_item_goes_to_every_officer_of_its_unit(
    unit, django_capture_on_commit_callbacks
):
    officer_of(unit, email="one@samokov.bg")
    officer_of(unit, is_head=True, email="head@samokov.bg")
    today = due_in(file_document(addressee=unit), 0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert due_digest_send() == 2
    for address in ("one@samokov.bg", "head@samokov.bg"):
        [digest] = sent_to(address)
        assert today.number in digest.body
        assert "Срок днес" in digest.body


def test_items_not_due_this_week_or_closed_are_left_out(unit, django_capture_on_commit_callbacks):
    officer_of(unit, email="one@samokov.bg")
    soon = due_in(file_document(addressee=unit), 6)
    later = due_in(file_document(addressee=unit), 7)
    closed = due_in(file_document(addressee=unit), -3)
    Correspondence.objects.filter(pk=closed.pk).update(status=Correspondence.Status.CLOSED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        due_digest_send()
    [digest] = sent_to("one@samokov.bg")
    assert soon.number in digest.body
    assert later.number not in digest.body
    assert closed.number not in digest.body


def test_nobody_is_emailed_when_nothing_is_due(unit):
    officer_of(unit, email="one@samokov.bg")
    due_in(file_document(addressee=unit), 20)
    assert due_digest_send() == 0


def test_the_command_counts_from_the_given_date(unit, django_capture_on_commit_callbacks, capsys):
    officer_of(unit, email="one@samokov.bg")
    item = due_in(file_document(addressee=unit), 20)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_digest", "--date", day)
    assert "queued 1" in capsys.readouterr().out
    [digest] = sent_to("one@samokov.bg")
    assert item.number in digest.body


def test_the_task_sends_the_digest(unit, django_capture_on_commit_callbacks):
    officer_of(unit, email="one@samokov.bg")
    due_in(file_document(addressee=unit), 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = send_due_digests.enqueue()
    assert result.return_value == 1
    assert len(sent_to("one@samokov.bg")) == 1
