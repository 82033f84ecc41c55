import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from obshtina.notifications.models import Notification
from obshtina.notifications.services import (
    notification_deliver,
    notification_queue,
    notifications_deliver_due,
    retry_delay,
)

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_server(smtp_settings):
    """Real SMTP settings pointing at a port nobody listens on."""
    return smtp_settings


def queue_and_commit(capture):
    with capture(execute=True):
        return notification_queue(
            to_email="ivan@example.bg",
            template="generic",
            context={"subject": "Тема", "body": "Текст"},
        )


def make_due(notification):
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_failed_send_keeps_the_notification_pending_for_a_later_try(
    unreachable_server, django_capture_on_commit_callbacks
):
    notification = queue_and_commit(django_capture_on_commit_callbacks)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert notification.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert "ConnectionRefusedError" in notification.last_error
    [attempt] = notification.delivery_attempts.all()
    assert not attempt.ok
    assert "ConnectionRefusedError" in attempt.error


def test_waiting_notification_is_not_retried_before_its_time(
    unreachable_server, django_capture_on_commit_callbacks
):
    notification = queue_and_commit(django_capture_on_commit_callbacks)

    assert notifications_deliver_due() == 0
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_each_failure_doubles_the_wait(unreachable_server, django_capture_on_commit_callbacks):
    notification = queue_and_commit(django_capture_on_commit_callbacks)
    make_due(notification)

    notifications_deliver_due()

    notification.refresh_from_db()
    assert notification.attempts == 2
    wait = notification.next_attempt_at - timezone.now()
    assert timedelta(seconds=110) < wait <= timedelta(minutes=2)


def test_wait_grows_exponentially_up_to_six_hours():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(30) == timedelta(hours=6)


def test_notification_fails_for_good_after_the_maximum_attempts(
    unreachable_server, django_capture_on_commit_callbacks
):
    unreachable_server.NOTIFICATION_MAX_ATTEMPTS = 3
    notification = queue_and_commit(django_capture_on_commit_callbacks)
    for _ in range(3):
        make_due(notification)
        notifications_deliver_due()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 3
    assert notification.delivery_attempts.filter(ok=False).count() == 3


def test_sent_notification_is_never_sent_again():
    notification = NotificationFactory(status=Notification.Status.SENT, attempts=1)

    assert notification_deliver(notification_id=notification.pk) is False
    assert mail.outbox == []


def test_notification_held_by_another_worker_is_left_to_it():
    notification = NotificationFactory(claimed_until=timezone.now() + timedelta(minutes=5))

    assert notification_deliver(notification_id=notification.pk) is False
    assert notifications_deliver_due() == 0
    assert mail.outbox == []


def test_notification_abandoned_by_a_crashed_worker_is_delivered_later():
    notification = NotificationFactory(claimed_until=timezone.now() - timedelta(seconds=1))

    assert notifications_deliver_due() == 1
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.claimed_until is None


def test_delivering_twice_sends_once():
    notification = NotificationFactory()

    assert notification_deliver(notification_id=notification.pk) is True
    assert notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_logs_name_the_notification_but_never_the_address_or_text(
    unreachable_server, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="obshtina.notifications")
    notification = queue_and_commit(django_capture_on_commit_callbacks)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"Notification {notification.pk} attempt 1 failed" in logged
    assert "ivan@example.bg" not in logged
    assert "Текст" not in logged
