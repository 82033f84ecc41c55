"""E-mails about a report: the submitter's private link, the subscribers' updates,
and the one-click unsubscribe link in every subscriber e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, ReportEvent, Subscription
from obshtina.reports.services.events import report_event_record
from obshtina.reports.services.following import subscription_add

from .factories import submit_report

pytestmark = pytest.mark.django_db

NAME = "Мария Тайнова"
EMAIL = "maria.tainova@example.bg"
PHONE = "0888 765 432"


@pytest.fixture
def report():
    return submit_report(submitter_name=NAME, submitter_email=EMAIL, submitter_phone=PHONE)


@pytest.fixture
def subscriber(report):
    user = UserFactory()
    subscription_add(user=user, report=report)
    return user


def answer(report: Report, django_capture_on_commit_callbacks) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_event_record(
            report=report,
            kind=ReportEvent.Kind.ANSWER,
            public_message="Ремонтът е възложен на фирма.",
        )


def subscriber_mail(user):
    return next(message for message in mail.outbox if message.to == [user.email])


def unsubscribe_link(message) -> str:
    path = reverse("reports:unsubscribe", args=["TOKEN"]).replace("TOKEN/", "")
    start = message.body.index(path)
    return message.body[start:].split()[0]


def test_the_submitter_gets_the_number_and_the_access_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit_report(submitter_email=EMAIL)
    (message,) = mail.outbox
    assert report.number in message.subject
    assert report.get_access_url() in message.body
    assert report.get_access_url() in message.alternatives[0][0]


def test_a_public_change_emails_subscribers_with_an_unsubscribe_link(
    report, subscriber, django_capture_on_commit_callbacks
):
    answer(report, django_capture_on_commit_callbacks)
    message = subscriber_mail(subscriber)
    assert report.number in message.subject
    assert "Ремонтът е възложен на фирма." in message.body
    assert report.get_absolute_url() in message.body
    assert "/reports/unsubscribe/" in message.body
    assert "/reports/unsubscribe/" in message.alternatives[0][0]


def test_the_submitter_hears_of_the_change_through_the_private_link(
    report, subscriber, django_capture_on_commit_callbacks
):
    answer(report, django_capture_on_commit_callbacks)
    (message,) = [message for message in mail.outbox if message.to == [EMAIL]]
    assert report.get_access_url() in message.body
    assert "/reports/unsubscribe/" not in message.body


def test_subscriber_emails_carry_no_personal_data_of_the_submitter(
    report, subscriber, django_capture_on_commit_callbacks
):
    answer(report, django_capture_on_commit_callbacks)
    message = subscriber_mail(subscriber)
    content = message.subject + message.body + message.alternatives[0][0]
    for personal in (NAME, EMAIL, PHONE, report.access_token):
        assert personal not in content


def test_an_internal_note_emails_nobody(report, subscriber, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_event_record(
            report=report, kind=ReportEvent.Kind.NOTE, internal_note="Тайно", is_public=False
        )
    assert mail.outbox == []


def test_subscribers_hear_nothing_of_a_hidden_report(
    report, subscriber, django_capture_on_commit_callbacks
):
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    report.refresh_from_db()
    answer(report, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_the_unsubscribe_link_works_without_logging_in(
    client, report, subscriber, django_capture_on_commit_callbacks
):
    answer(report, django_capture_on_commit_callbacks)
    link = unsubscribe_link(subscriber_mail(subscriber))
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "Отпиши ме" in confirm.content.decode()
    # Opening the link (as a mail scanner does) changes nothing.
    assert Subscription.objects.filter(user=subscriber, report=report).exists()
    done = client.post(link)
    assert done.status_code == 200
    assert "Вече не получавате имейли" in done.content.decode()
    assert not Subscription.objects.filter(user=subscriber, report=report).exists()


def test_the_one_click_unsubscribe_of_rfc_8058_works(
    report, subscriber, django_capture_on_commit_callbacks
):
    from django.test import Client

    answer(report, django_capture_on_commit_callbacks)
    link = unsubscribe_link(subscriber_mail(subscriber))
    mail_provider = Client(enforce_csrf_checks=True)
    response = mail_provider.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=subscriber, report=report).exists()


def test_an_unsubscribed_user_gets_no_more_emails(
    client, report, subscriber, django_capture_on_commit_callbacks
):
    answer(report, django_capture_on_commit_callbacks)
    client.post(unsubscribe_link(subscriber_mail(subscriber)))
    answer(report, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_an_invalid_unsubscribe_link_gets_a_clear_message(client):
    response = client.get(reverse("reports:unsubscribe", args=["forged-token"]))
    assert response.status_code == 404
    assert "не е валидна" in response.content.decode()
    assert client.post(reverse("reports:unsubscribe", args=["forged-token"])).status_code == 404
