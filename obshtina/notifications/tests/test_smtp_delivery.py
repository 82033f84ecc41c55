"""Delivery through a real SMTP server on loopback: nothing is lost while it is down."""

import email
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.utils import timezone

from obshtina.notifications.models import Notification
from obshtina.notifications.services import notification_queue, notifications_deliver_due

pytestmark = pytest.mark.django_db

RECIPIENTS = ["ivan@example.bg", "maria@example.bg", "georgi@example.bg"]


def queue_all(capture):
    for number, to_email in enumerate(RECIPIENTS, start=1):
        with capture(execute=True):
            notification_queue(
                to_email=to_email,
                template="generic",
                context={"subject": f"Сигнал № {number} е приет", "body": "Благодарим ви."},
            )


def time_passes():
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def subjects(envelopes):
    return sorted(
        str(make_header(decode_header(email.message_from_bytes(envelope.content)["Subject"])))
        for envelope in envelopes
    )


def test_notifications_queued_while_the_server_is_down_are_kept(
    smtp_settings, django_capture_on_commit_callbacks
):
    queue_all(django_capture_on_commit_callbacks)

    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 3
    assert all(n.attempts == 1 for n in Notification.objects.all())
    assert all(
        n.delivery_attempts.filter(ok=False).count() == 1 for n in Notification.objects.all()
    )


def test_every_notification_arrives_exactly_once_when_the_server_is_back(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    queue_all(django_capture_on_commit_callbacks)
    time_passes()

    with smtp_server() as received:
        assert notifications_deliver_due() == 3
        time_passes()
        assert notifications_deliver_due() == 0

    assert sorted(envelope.rcpt_tos[0] for envelope in received) == sorted(RECIPIENTS)
    assert subjects(received) == [f"Сигнал № {n} е приет" for n in (1, 2, 3)]
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 3


def test_message_sent_over_smtp_has_text_and_html_parts(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    with smtp_server() as received:
        queue_all(django_capture_on_commit_callbacks)

    assert len(received) == 3
    message = email.message_from_bytes(received[0].content)
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.get_payload()]
    assert parts == ["text/plain", "text/html"]
    assert message["Auto-Submitted"] == "auto-generated"
