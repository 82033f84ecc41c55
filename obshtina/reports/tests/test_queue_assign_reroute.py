"""Assigning a report to a colleague and re-routing it to another unit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, ReportEvent
from obshtina.reports.services.errors import ReportError
from obshtina.reports.services.workflow import report_assign

from .factories import UnitFactory
from .staff_helpers import manage_url, officer_of, queue_url, report_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


def test_a_report_is_assigned_to_a_colleague_of_the_unit(client, unit, officer):
    colleague = officer_of(unit, first_name="Георги", last_name="Колев")
    report = report_in(unit)
    assert "Георги Колев" in client.get(manage_url(report)).text  # in the menu
    response = client.post(manage_url(report), {"action": "assign", "assignee": colleague.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == colleague
    event = report.events.get(kind=ReportEvent.Kind.ASSIGNED)
    assert not event.is_public
    assert "Георги Колев" in event.internal_note


def test_a_report_cannot_be_assigned_outside_the_unit(client, unit, officer):
    stranger = officer_of(UnitFactory())
    report = report_in(unit)
    response = client.post(manage_url(report), {"action": "assign", "assignee": stranger.pk})
    assert response.status_code == 400
    assert "само на служител от звеното" in response.text
    report.refresh_from_db()
    assert report.assigned_to is None


def test_the_service_refuses_a_non_member_too(unit, officer):
    with pytest.raises(ReportError, match="само на служител от звеното"):
        report_assign(report=report_in(unit), actor=officer, assignee=UserFactory())


def test_the_service_refuses_an_officer_of_another_unit():
    report = report_in(UnitFactory())
    outsider = officer_of(UnitFactory())
    with pytest.raises(PermissionDenied):
        report_assign(report=report, actor=outsider, assignee=outsider)


def test_a_rerouted_report_moves_to_the_other_units_queue(
    client, unit, officer, django_capture_on_commit_callbacks
):
    parks = UnitFactory(name="Отдел „Паркове“")
    parks_officer = officer_of(parks)
    report = report_in(unit, submitter_email="maria@example.bg")
    Report.objects.filter(pk=report.pk).update(assigned_to=officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(report), {"action": "reroute", "unit": parks.pk, "note": "Парк, не път."}
        )
    # the officer no longer serves it: back to their work
    assert response["Location"] == reverse("casework:workspace")
    report.refresh_from_db()
    assert report.unit == parks
    assert report.assigned_to is None
    assert report.number not in client.get(queue_url()).text
    assert client.get(manage_url(report)).status_code == 404

    client.force_login(parks_officer)
    assert report.number in client.get(queue_url()).text

    routed = report.events.get(kind=ReportEvent.Kind.ROUTED)
    assert routed.is_public
    assert routed.public_message == "Сигналът е пренасочен към Отдел „Паркове“."
    note = report.events.get(kind=ReportEvent.Kind.NOTE)
    assert (note.internal_note, note.is_public) == ("Парк, не път.", False)
    # the submitter hears where it went, the new unit's officer that it came
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["maria@example.bg", parks_officer.email]
    )
    assert all("Парк, не път." not in message.body for message in mail.outbox)


def test_a_report_cannot_be_rerouted_to_its_own_unit(client, unit, officer):
    report = report_in(unit)
    response = client.post(manage_url(report), {"action": "reroute", "unit": unit.pk})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.unit == unit
