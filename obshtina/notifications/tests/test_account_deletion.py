import pytest

from obshtina.accounts.services import user_delete_account
from obshtina.notifications.models import Notification

from .factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_account_erases_its_messages_and_stops_pending_ones():
    user = UserFactory()
    sent = NotificationFactory(to_email=user.email, status=Notification.Status.SENT)
    pending = NotificationFactory(to_email=user.email, user=user)
    other = NotificationFactory(to_email="someone@example.bg")

    user_delete_account(user=user)

    sent.refresh_from_db()
    pending.refresh_from_db()
    other.refresh_from_db()
    assert sent.to_email == pending.to_email == f"deleted-{user.pk}@invalid"
    assert sent.text_body == sent.html_body == ""
    assert sent.status == Notification.Status.SENT
    assert pending.status == Notification.Status.FAILED
    assert other.to_email == "someone@example.bg"
    assert other.text_body != ""
