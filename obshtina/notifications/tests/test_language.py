"""Each person's e-mails are in the language on their account; without one, Bulgarian."""

import pytest
from django.utils import translation

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.services import notification_queue

pytestmark = pytest.mark.django_db

CONTEXT = {"subject": "Тема", "body": "Текст"}


def queue(**kwargs):
    return notification_queue(
        to_email="x@example.bg", template="generic", context=CONTEXT, **kwargs
    )


def test_an_account_in_english_gets_english_emails():
    notification = queue(user=UserFactory(language="en"))

    assert notification.language == "en"
    assert "Contact centre" in notification.text_body


def test_without_an_account_the_email_is_bulgarian_whatever_the_page_language():
    with translation.override("en"):  # e.g. an official working in English
        notification = queue()

    assert notification.language == "bg"
    assert "Контактен център" in notification.text_body


def test_a_language_the_caller_gives_wins_over_the_account():
    notification = queue(user=UserFactory(language="en"), language="bg")

    assert notification.language == "bg"
