"""Web push through the outbox: a push row beside the e-mail for each browser the user
allowed, delivered with retries like e-mail; a browser the push service forgot is removed."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from obshtina.notifications.models import Notification, PushSubscription
from obshtina.notifications.services import notification_queue, notifications_deliver_due
from obshtina.reports.tests.factories import submit_report

from .push_helpers import subscribe

pytestmark = pytest.mark.django_db

CONTEXT = {"subject": "Промяна по сигнал С-2026-000012", "body": "Сигналът е решен."}


def queue_for(user, capture, **overrides):
    with capture(execute=True):
        return notification_queue(
            **{
                "to_email": user.email,
                "template": "generic",
                "context": CONTEXT,
                "user": user,
                **overrides,
            }
        )


def test_a_notification_for_a_user_with_a_browser_is_pushed_there_too(
    vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscription = subscribe(citizen)
    report = submit_report()

    queue_for(citizen, django_capture_on_commit_callbacks, about=report)

    assert len(mail.outbox) == 1
    push_row = Notification.objects.get(channel=Notification.Channel.PUSH)
    assert push_row.to_email == ""
    assert push_row.push_subscription == subscription
    assert push_row.status == Notification.Status.SENT
    [sent] = push_service.sent
    assert sent["subscription"] == {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    payload = json.loads(sent["data"])
    assert payload["title"] == "Промяна по сигнал С-2026-000012"
    assert payload["body"] == "Отворете, за да видите подробностите."
    assert payload["url"] == report.get_absolute_url()
    assert sent["claims"]["sub"] == "mailto:obshtina@samokov.bg"
    subscription.refresh_from_db()
    assert subscription.last_success_at is not None


def test_the_push_text_of_a_report_change_names_the_number_and_the_new_status(
    vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscribe(citizen)
    report = submit_report()

    queue_for(
        citizen,
        django_capture_on_commit_callbacks,
        template="report_update",
        about=report,
        context={
            "number": report.number,
            "category": report.category.name,
            "status": "Решен",
            "public_message": "Дупката е запълнена.",
            "report_url": "https://e.samokov.bg" + report.get_absolute_url(),
        },
    )

    payload = json.loads(push_service.sent[0]["data"])
    assert payload["title"] == f"Промяна по сигнал {report.number}: Решен"
    assert payload["body"] == (
        f"Сигнал {report.number} ({report.category.name}): Решен. Дупката е запълнена."
    )


def test_each_browser_of_the_user_gets_its_own_push(
    vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscribe(citizen, 1)
    subscribe(citizen, 2)

    queue_for(citizen, django_capture_on_commit_callbacks)

    assert Notification.objects.filter(channel=Notification.Channel.PUSH).count() == 2
    assert len(push_service.sent) == 2


def test_without_vapid_keys_no_push_is_queued(
    settings, push_service, citizen, django_capture_on_commit_callbacks
):
    settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_PRIVATE_KEY = ""
    subscribe(citizen)

    queue_for(citizen, django_capture_on_commit_callbacks)

    assert list(Notification.objects.values_list("channel", flat=True)) == ["email"]
    assert push_service.sent == []


def test_a_message_with_no_account_behind_it_is_only_emailed(
    vapid, push_service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(to_email="ivan@example.bg", template="generic", context=CONTEXT)

    assert list(Notification.objects.values_list("channel", flat=True)) == ["email"]


@pytest.mark.parametrize("gone", [404, 410])
def test_a_browser_the_push_service_no_longer_knows_is_removed_and_not_retried(
    gone, vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscribe(citizen)
    push_service.answer = gone

    queue_for(citizen, django_capture_on_commit_callbacks)

    assert not PushSubscription.objects.exists()
    push_row = Notification.objects.get(channel=Notification.Channel.PUSH)
    assert push_row.status == Notification.Status.FAILED
    assert push_row.attempts == 1
    assert str(gone) in push_row.last_error
    assert Notification.objects.get(channel=Notification.Channel.EMAIL).status == "sent"


def test_a_push_service_that_fails_otherwise_is_tried_again_with_back_off(
    vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscription = subscribe(citizen)
    push_service.answer = 503

    queue_for(citizen, django_capture_on_commit_callbacks)

    push_row = Notification.objects.get(channel=Notification.Channel.PUSH)
    assert push_row.status == Notification.Status.PENDING
    assert push_row.attempts == 1
    assert push_row.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert "503" in push_row.last_error
    assert subscription.endpoint not in push_row.last_error
    assert PushSubscription.objects.filter(pk=subscription.pk).exists()

    push_service.answer = 201
    Notification.objects.filter(pk=push_row.pk).update(next_attempt_at=timezone.now())
    assert notifications_deliver_due() == 1
    push_row.refresh_from_db()
    assert push_row.status == Notification.Status.SENT


def test_pending_pushes_of_a_removed_browser_fail_but_sent_ones_stay_on_record(
    vapid, push_service, citizen, django_capture_on_commit_callbacks
):
    subscribe(citizen)
    queue_for(citizen, django_capture_on_commit_callbacks)
    push_service.answer = 410

    queue_for(citizen, django_capture_on_commit_callbacks)

    pushes = Notification.objects.filter(channel=Notification.Channel.PUSH).order_by("pk")
    assert [row.status for row in pushes] == ["sent", "failed"]
    assert all(row.push_subscription is None for row in pushes)


def test_the_generated_keys_sign_and_encrypt_a_real_push_request(
    vapid, citizen, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    from pywebpush import webpush

    monkeypatch.chdir(tmp_path)  # pywebpush's curl mode writes the body to ./encrypted.data
    requests = []

    def as_curl(**kwargs):
        requests.append(webpush(curl=True, **kwargs))

    monkeypatch.setattr("obshtina.notifications.push.webpush", as_curl)
    subscription = subscribe(citizen)

    queue_for(citizen, django_capture_on_commit_callbacks)

    [request] = requests
    assert subscription.endpoint in request
    assert "vapid t=" in request
    assert "aes128gcm" in request
