"""The daily digest of overdue reports to the unit heads."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from obshtina.reports.models import Report
from obshtina.reports.services.deadlines import overdue_digest_send
from obshtina.reports.tasks import send_overdue_digests

from .factories import UnitFactory
from .staff_helpers import make_overdue, manage_url, officer_of, report_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def head(unit):
    return officer_of(unit, is_head=True, email="head@samokov.bg")


def sent_to(address: str):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_unit_head_gets_the_overdue_numbers(unit, head, django_capture_on_commit_callbacks):
    officer_of(unit, email="officer@samokov.bg")
    late = make_overdue(report_in(unit), days=5)
    on_time = report_in(unit)
    closed = make_overdue(report_in(unit))
    Report.objects.filter(pk=closed.pk).update(status=Report.Status.RESOLVED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_digest_send() == 1

    [digest] = sent_to("head@samokov.bg")
    assert "Отдел „Пътища“" in digest.subject
    assert late.number in digest.body
    assert "просрочен с 5 дни" in digest.body
    assert manage_url(late) in digest.body
    assert on_time.number not in digest.body
    assert closed.number not in digest.body
    assert sent_to("officer@samokov.bg") == []


def test_each_unit_head_hears_only_of_their_unit(unit, head, django_capture_on_commit_callbacks):
    other_unit = UnitFactory()
    officer_of(other_unit, is_head=True, email="other-head@samokov.bg")
    ours = make_overdue(report_in(unit))
    theirs = make_overdue(report_in(other_unit))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_digest_send() == 2
    [digest] = sent_to("head@samokov.bg")
    assert ours.number in digest.body
    assert theirs.number not in digest.body


def test_no_digest_without_overdue_reports(unit, head):
    report_in(unit)
    assert overdue_digest_send() == 0


def test_a_given_day_counts_what_was_overdue_by_its_start(unit, head):
    report = report_in(unit)
    assert overdue_digest_send(today=timezone.localdate(report.due_at)) == 0
    assert overdue_digest_send(today=timezone.localdate(report.due_at) + timedelta(days=1)) == 1


def test_the_command_and_the_task_send_the_digest(
    unit, head, capsys, django_capture_on_commit_callbacks
):
    make_overdue(report_in(unit))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_overdue_digest")
    assert "queued 1" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        result = send_overdue_digests.enqueue()
    assert result.return_value == 1
    assert len(sent_to("head@samokov.bg")) == 2
