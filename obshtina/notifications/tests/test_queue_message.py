import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives

from obshtina.notifications.models import Notification
from obshtina.notifications.services import notification_queue_message

pytestmark = pytest.mark.django_db


def confirmation_message(to):
    message = EmailMultiAlternatives(
        subject="Потвърдете имейла си",
        body="Отворете https://e.samokov.bg/confirm/key",
        to=to,
    )
    message.attach_alternative("<p>Отворете връзката</p>", "text/html")
    return message


def test_rendered_message_is_delivered_as_it_was_written(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_queue_message(
            message=confirmation_message([citizen.email]), user=citizen, language="en"
        )

    [sent] = mail.outbox
    assert sent.to == [citizen.email]
    assert sent.subject == "Потвърдете имейла си"
    assert sent.body == "Отворете https://e.samokov.bg/confirm/key"
    assert sent.alternatives[0] == ("<p>Отворете връзката</p>", "text/html")
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.user == citizen
    assert notification.language == "en"


def test_plain_text_message_is_stored_without_html():
    message = EmailMessage(subject="Тема", body="Текст", to=["ivan@example.bg"])
    assert notification_queue_message(message=message).html_body == ""


def test_each_recipient_gets_a_notification_of_their_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue_message(
            message=confirmation_message(["ivan@example.bg", "maria@example.bg"])
        )

    assert sorted(Notification.objects.values_list("to_email", flat=True)) == [
        "ivan@example.bg",
        "maria@example.bg",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ivan@example.bg",
        "maria@example.bg",
    ]
