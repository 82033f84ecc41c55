"""Changing a report's status from its staff page: rules, timeline, e-mails."""

import pytest
from django.core import mail

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, ReportEvent, Subscription

from .staff_helpers import manage_url, report_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(unit):
    return report_in(unit, submitter_email="maria@example.bg", submitter_name="Мария")


def post_status(client, report, captured, **data):
    mail.outbox.clear()
    with captured(execute=True):
        return client.post(manage_url(report), {"action": "status", **data})


def test_a_status_change_is_recorded_and_the_submitter_is_told(
    client, officer, report, django_capture_on_commit_callbacks
):
    response = post_status(
        client,
        report,
        django_capture_on_commit_callbacks,
        status="in_progress",
        public_message="Екип ще отстрани проблема тази седмица.",
    )
    assert response.status_code == 302
    assert response["Location"] == manage_url(report)
    report.refresh_from_db()
    assert report.status == Report.Status.IN_PROGRESS
    assert report.public_answer == "Екип ще отстрани проблема тази седмица."
    event = report.events.get(kind=ReportEvent.Kind.STATUS)
    assert (event.from_status, event.to_status, event.is_public) == ("new", "in_progress", True)
    assert event.actor == officer
    assert [message.to for message in mail.outbox] == [["maria@example.bg"]]
    assert "Екип ще отстрани проблема" in mail.outbox[0].body


def test_subscribers_hear_of_a_status_change(
    client, officer, report, django_capture_on_commit_callbacks
):
    follower = UserFactory(email="follower@example.bg")
    Subscription.objects.create(user=follower, report=report)
    post_status(client, report, django_capture_on_commit_callbacks, status="accepted")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["follower@example.bg", "maria@example.bg"]
    follower_mail = next(m for m in mail.outbox if m.to == ["follower@example.bg"])
    assert "Мария" not in follower_mail.body
    assert "maria@example.bg" not in follower_mail.body


def test_forwarding_needs_the_institution(
    client, officer, report, django_capture_on_commit_callbacks
):
    response = post_status(client, report, django_capture_on_commit_callbacks, status="forwarded")
    assert response.status_code == 400
    assert "Посочете институцията" in response.text
    report.refresh_from_db()
    assert report.status == Report.Status.NEW
    assert mail.outbox == []


def test_forwarding_names_the_institution_to_the_citizen(
    client, officer, report, django_capture_on_commit_callbacks
):
    post_status(
        client,
        report,
        django_capture_on_commit_callbacks,
        status="forwarded",
        forwarded_to="ВиК Самоков",
    )
    report.refresh_from_db()
    assert report.status == Report.Status.FORWARDED
    assert report.forwarded_to == "ВиК Самоков"
    assert "ВиК Самоков" in mail.outbox[0].body


def test_rejecting_needs_a_public_reason(
    client, officer, report, django_capture_on_commit_callbacks
):
    response = post_status(client, report, django_capture_on_commit_callbacks, status="rejected")
    assert "Напишете публично защо" in response.text
    report.refresh_from_db()
    assert report.status == Report.Status.NEW


def test_an_invalid_transition_is_refused_in_bulgarian(client, officer, report):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RESOLVED)
    response = client.post(manage_url(report), {"action": "status", "status": "rejected"})
    assert response.status_code == 400
    assert "Сигнал в състояние „решен“ не може да стане „отхвърлен“." in response.text
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED


def test_resolving_sets_the_date_and_reopening_clears_it(client, officer, report):
    client.post(manage_url(report), {"action": "status", "status": "resolved"})
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert report.resolved_at is not None
    client.post(manage_url(report), {"action": "status", "status": "in_progress"})
    report.refresh_from_db()
    assert report.status == Report.Status.IN_PROGRESS
    assert report.resolved_at is None


def test_the_status_menu_offers_only_the_allowed_moves(client, officer, report):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.REJECTED)
    page = client.get(manage_url(report)).text
    assert '<option value="accepted"' in page
    assert '<option value="resolved"' not in page
