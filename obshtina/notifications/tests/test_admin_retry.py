import pytest
from django.core import mail
from django.urls import reverse

from obshtina.notifications.models import Notification

from .factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notifications_notification_changelist")


@pytest.fixture
def admin_user():
    return UserFactory(is_staff=True, is_superuser=True, second_factor=True)


def retry_now(client, *notifications):
    return client.post(
        CHANGELIST,
        {"action": "retry_now", "_selected_action": [n.pk for n in notifications]},
        follow=True,
    )


def test_retry_now_sends_a_failed_notification(
    client, admin_user, django_capture_on_commit_callbacks
):
    notification = NotificationFactory(status=Notification.Status.FAILED, attempts=10)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = retry_now(client, notification)

    assert "1 известие е пуснато за повторно изпращане." in response.content.decode()
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 11


def test_retry_now_leaves_sent_notifications_alone(
    client, admin_user, django_capture_on_commit_callbacks
):
    notification = NotificationFactory(status=Notification.Status.SENT, attempts=1)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        retry_now(client, notification)

    assert mail.outbox == []


def test_admin_page_does_not_show_message_bodies(client, admin_user):
    notification = NotificationFactory(text_body="https://x/reset/secret")
    client.force_login(admin_user)

    response = client.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    )

    assert response.status_code == 200
    assert notification.subject in response.content.decode()
    assert "reset/secret" not in response.content.decode()
