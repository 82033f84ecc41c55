import pytest
from django.urls import reverse

from obshtina.notifications.models import DeliveryAttempt, Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

OUTBOX = reverse("notifications:outbox")


def test_outbox_lives_at_the_staff_address():
    assert OUTBOX == "/staff/notifications/"


def test_staff_sees_what_was_sent_to_whom(client, staff):
    NotificationFactory(
        to_email="maria@example.bg",
        subject="Сигнал № 7 е приет",
        status=Notification.Status.SENT,
        attempts=1,
    )
    client.force_login(staff)

    response = client.get(OUTBOX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Изпратени известия" in content
    assert "maria@example.bg" in content
    assert "Сигнал № 7 е приет" in content
    assert "изпратено" in content


def test_anonymous_visitor_is_sent_to_login(client):
    NotificationFactory(to_email="maria@example.bg")

    response = client.get(OUTBOX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_citizen_is_refused(client, citizen):
    NotificationFactory(to_email="maria@example.bg")
    client.force_login(citizen)

    response = client.get(OUTBOX)

    assert response.status_code == 403
    assert "maria@example.bg" not in response.content.decode()


def test_citizen_cannot_open_a_notification(client, citizen):
    notification = NotificationFactory()
    client.force_login(citizen)

    assert client.get(reverse("notifications:detail", args=[notification.pk])).status_code == 403


def test_staff_filters_by_status(client, staff):
    NotificationFactory(subject="Неуспешно писмо", status=Notification.Status.FAILED)
    NotificationFactory(subject="Изпратено писмо", status=Notification.Status.SENT)
    client.force_login(staff)

    content = client.get(OUTBOX, {"status": "failed"}).content.decode()

    assert "Неуспешно писмо" in content
    assert "Изпратено писмо" not in content


def test_staff_searches_by_recipient(client, staff):
    NotificationFactory(to_email="maria@example.bg", subject="За Мария")
    NotificationFactory(to_email="ivan@example.bg", subject="За Иван")
    client.force_login(staff)

    content = client.get(OUTBOX, {"q": "MARIA"}).content.decode()

    assert "За Мария" in content
    assert "За Иван" not in content


def test_unknown_status_filter_shows_a_message_not_an_error(client, staff):
    client.force_login(staff)

    response = client.get(OUTBOX, {"status": "bogus"})

    assert response.status_code == 200
    assert "Направете валиден избор" in response.content.decode()


def test_outbox_shows_newest_first_fifty_per_page(client, staff):
    for number in range(51):
        NotificationFactory(subject=f"Писмо {number:02}")
    client.force_login(staff)

    first = client.get(OUTBOX).content.decode()
    second = client.get(OUTBOX, {"page": 2}).content.decode()

    assert "Писмо 50" in first
    assert "Писмо 00" not in first
    assert "Писмо 00" in second
    assert "Страница 2 от 2" in second


def test_next_page_link_keeps_the_filter(client, staff):
    for _ in range(51):
        NotificationFactory(status=Notification.Status.SENT)
    client.force_login(staff)

    content = client.get(OUTBOX, {"status": "sent"}).content.decode()

    assert "?status=sent&amp;page=2" in content


def test_staff_sees_each_delivery_attempt(client, staff):
    notification = NotificationFactory(text_body="Линк за нова парола: https://x/reset/secret")
    DeliveryAttempt.objects.create(
        notification=notification, ok=False, error="SMTPServerDisconnected"
    )
    DeliveryAttempt.objects.create(notification=notification, ok=True)
    client.force_login(staff)

    response = client.get(reverse("notifications:detail", args=[notification.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "SMTPServerDisconnected" in content
    assert "неуспешен" in content
    assert "успешен" in content
    assert "reset/secret" not in content


def test_missing_notification_gives_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("notifications:detail", args=[999999])).status_code == 404
