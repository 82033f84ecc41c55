""" "Не е решен?": the submitter reopens a resolved report within 30 days."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, ReportEvent
from obshtina.reports.services.errors import ReportError
from obshtina.reports.services.following import report_reopen, subscription_add

from .factories import submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return submit_report(submitter_email="maria.tainova@example.bg")


def resolve(report: Report, *, days_ago: int) -> Report:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=days_ago)
    )
    report.refresh_from_db()
    return report


def reopen_url(report: Report) -> str:
    return reverse("reports:reopen", args=[report.access_token])


def test_the_submitter_reopens_a_report_resolved_10_days_ago(client, report):
    resolve(report, days_ago=10)
    response = client.post(reopen_url(report), {"comment": "Дупката пак е там."})
    assert response.status_code == 302
    assert response["Location"] == report.get_access_url()
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert report.resolved_at is None
    assert report.due_at > timezone.now() + timedelta(days=58)  # two months again


def test_the_reopening_appears_in_the_public_timeline(client, report):
    resolve(report, days_ago=10)
    client.post(reopen_url(report), {"comment": "Дупката пак е там."})
    event = report.events.get(kind=ReportEvent.Kind.REOPENED)
    assert event.is_public and event.from_status == "resolved" and event.to_status == "accepted"
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Отворен отново" in page
    assert "Дупката пак е там." in page


def test_the_reopening_notifies_the_subscribers(client, report, django_capture_on_commit_callbacks):
    subscriber = UserFactory()
    subscription_add(user=subscriber, report=report)
    resolve(report, days_ago=10)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reopen_url(report), {"comment": "Дупката пак е там."})
    assert [message.to for message in mail.outbox] == [[subscriber.email]]
    assert f"{report.number}: приет" in mail.outbox[0].subject
    assert "Дупката пак е там." in mail.outbox[0].body


def test_a_report_resolved_31_days_ago_cannot_be_reopened(client, report):
    resolve(report, days_ago=31)
    response = client.post(reopen_url(report), {"comment": "Пак е счупено."})
    assert response.status_code == 400
    assert "до 30 дни" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert not report.events.filter(kind=ReportEvent.Kind.REOPENED).exists()


def test_a_report_that_is_not_resolved_cannot_be_reopened(report):
    with pytest.raises(ReportError):
        report_reopen(report=report, comment="Пак е счупено.")
    assert Report.objects.get(pk=report.pk).status == Report.Status.NEW


def test_an_empty_comment_gets_a_message_next_to_the_field(client, report):
    resolve(report, days_ago=1)
    response = client.post(reopen_url(report), {"comment": "   "})
    assert response.status_code == 400
    assert 'id="reopen-comment-error"' in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == Report.Status.RESOLVED


def test_reopening_twice_is_refused_the_second_time(client, report):
    resolve(report, days_ago=1)
    client.post(reopen_url(report), {"comment": "Пак е счупено."})
    response = client.post(reopen_url(report), {"comment": "Пак е счупено."})
    assert response.status_code == 400
    assert report.events.filter(kind=ReportEvent.Kind.REOPENED).count() == 1


def test_a_signed_in_author_reopens_from_the_public_page(client):
    author = UserFactory()
    report = resolve(submit_report(author=author), days_ago=5)
    client.force_login(author)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Не е решен?" in page
    response = client.post(reopen_url(report), {"comment": "Не е оправено.", "from": "detail"})
    assert response["Location"] == report.get_absolute_url()
    assert Report.objects.get(pk=report.pk).status == Report.Status.ACCEPTED


def test_other_users_see_no_reopen_form_on_the_public_page(client):
    report = resolve(submit_report(author=UserFactory()), days_ago=5)
    client.force_login(UserFactory())
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Не е решен?" not in page
    assert report.access_token not in page


def test_an_invalid_token_cannot_reopen_anything(client):
    response = client.post(reverse("reports:reopen", args=["nope"]), {"comment": "x"})
    assert response.status_code == 404
