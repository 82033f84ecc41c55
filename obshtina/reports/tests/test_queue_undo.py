"""Undoing on a report's staff page: "Поеми", removing an assignment, unmarking a duplicate."""

import pytest
from django.core import mail

from obshtina.organization.models import Role
from obshtina.organization.tests.factories import staff
from obshtina.reports.models import Report, ReportEvent
from obshtina.reports.services.errors import ReportError
from obshtina.reports.services.workflow import (
    report_assign,
    report_change_status,
    report_mark_duplicate,
    report_unmark_duplicate,
)

from .factories import UnitFactory
from .staff_helpers import manage_url, officer_of, report_in

pytestmark = pytest.mark.django_db

SUBMITTER = "maria@example.bg"


@pytest.fixture
def colleague(unit):
    return officer_of(unit, first_name="Георги", last_name="Колев")


def test_an_officer_takes_a_report_in_one_click(client, unit, officer):
    report = report_in(unit)
    assert 'value="take"' in client.get(manage_url(report)).text
    response = client.post(manage_url(report), {"action": "take"}, follow=True)
    assert "Сигналът е възложен на вас." in response.text
    report.refresh_from_db()
    assert report.assigned_to == officer
    assert 'value="take"' not in response.text


def test_an_operator_who_is_no_member_is_not_offered_to_take_a_report(client, unit):
    report = report_in(unit)
    client.force_login(staff(Role.OPERATOR))
    assert 'value="take"' not in client.get(manage_url(report)).text
    assert client.post(manage_url(report), {"action": "take"}).status_code == 403


def test_an_administrator_of_no_unit_who_takes_a_report_is_told_why_not(client, unit):
    report = report_in(unit)
    client.force_login(staff(Role.ADMINISTRATOR))
    response = client.post(manage_url(report), {"action": "take"})
    assert response.status_code == 400
    assert "само на служител от звеното" in response.text
    report.refresh_from_db()
    assert report.assigned_to is None


def test_an_assignment_is_undone_with_an_internal_event(client, unit, officer, colleague):
    report = report_in(unit)
    report_assign(report=report, actor=officer, assignee=colleague)
    assert "Премахни възлагането" in client.get(manage_url(report)).text
    response = client.post(manage_url(report), {"action": "unassign"}, follow=True)
    assert "Възлагането е премахнато." in response.text
    report.refresh_from_db()
    assert report.assigned_to is None
    event = report.events.get(kind=ReportEvent.Kind.UNASSIGNED)
    assert not event.is_public and event.actor == officer
    assert "Георги Колев" in event.internal_note
    client.logout()
    assert "Колев" not in client.get(report.get_absolute_url()).text


def test_undoing_an_assignment_that_is_not_there_says_so(client, unit, officer):
    report = report_in(unit)
    assert "Премахни възлагането" not in client.get(manage_url(report)).text
    response = client.post(manage_url(report), {"action": "unassign"})
    assert response.status_code == 400
    assert "Сигналът не е възложен на никого." in response.text


def test_an_officer_of_another_unit_cannot_undo_an_assignment(client, unit, colleague):
    report = report_in(unit)
    report_assign(report=report, actor=colleague, assignee=colleague)
    client.force_login(officer_of(UnitFactory()))
    assert client.post(manage_url(report), {"action": "unassign"}).status_code == 404
    report.refresh_from_db()
    assert report.assigned_to == colleague


def test_an_unmarked_duplicate_returns_to_its_status_and_answer_and_tells_the_submitter(
    client, unit, officer, django_capture_on_commit_callbacks
):
    original = report_in(unit)
    report = report_in(unit, submitter_email=SUBMITTER)
    report_change_status(
        report=report, actor=officer, status="in_progress", public_message="Екип е на място."
    )
    report_mark_duplicate(report=report, actor=officer, original=original)
    assert "Премахни отбелязването като дубликат" in client.get(manage_url(report)).text

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(report), {"action": "not_duplicate"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.IN_PROGRESS
    assert report.duplicate_of is None
    assert report.public_answer == "Екип е на място."
    (message,) = mail.outbox
    assert message.to == [SUBMITTER]
    assert "не е дубликат" in message.body
    public_page = client.get(report.get_absolute_url()).text
    assert f"Сигналът не е дубликат на {original.number}" in public_page
    note = original.events.get(kind=ReportEvent.Kind.NOT_DUPLICATE)
    assert not note.is_public and report.number in note.internal_note


def test_a_duplicate_marked_before_its_earlier_answer_was_kept_returns_without_it(unit, officer):
    original = report_in(unit)
    report = report_in(unit)
    report_mark_duplicate(report=report, actor=officer, original=original)
    event = report.events.get(kind=ReportEvent.Kind.DUPLICATE)
    del event.data["public_answer"]  # as the events written before this change
    event.save()
    report = report_unmark_duplicate(report=report, actor=officer)
    assert report.status == Report.Status.NEW
    assert report.public_answer == ""


def test_a_report_that_is_no_duplicate_cannot_be_unmarked(client, unit, officer):
    report = report_in(unit)
    assert "Премахни отбелязването като дубликат" not in client.get(manage_url(report)).text
    response = client.post(manage_url(report), {"action": "not_duplicate"})
    assert response.status_code == 400
    assert "не е отбелязан като дубликат" in response.text
    with pytest.raises(ReportError):
        report_unmark_duplicate(report=report, actor=officer)


def test_an_officer_of_another_unit_cannot_unmark_a_duplicate(client, unit, colleague):
    original = report_in(unit)
    report = report_in(unit)
    report_mark_duplicate(report=report, actor=colleague, original=original)
    client.force_login(officer_of(UnitFactory()))
    assert client.post(manage_url(report), {"action": "not_duplicate"}).status_code == 404
    report.refresh_from_db()
    assert report.status == Report.Status.DUPLICATE
