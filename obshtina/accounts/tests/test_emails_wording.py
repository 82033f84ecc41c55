"""allauth's e-mails as the site writes: they name the municipality (never the host and
port the request came in on), speak of "профил" and "имейл", and address people formally."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import override_settings

from obshtina.organization.selectors import current_municipality

from .factories import PASSWORD, UserFactory
from .mail import LINK

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")


@pytest.fixture(autouse=True)
def municipality_of_rila():
    municipality = current_municipality()
    municipality.name = "Община Рила"
    municipality.save()


def last_mail_to(address: str):
    [*_, message] = [message for message in mail.outbox if address in message.to]
    return message


def text_without_links(body: str) -> str:
    return LINK.sub("", body)


def sign_up(client, signup_data, capture) -> None:
    with capture(execute=True):
        client.post("/accounts/signup/", signup_data)


def test_the_confirmation_names_the_municipality_and_addresses_the_reader_formally(
    client, signup_data, django_capture_on_commit_callbacks
):
    sign_up(client, signup_data, django_capture_on_commit_callbacks)

    message = last_mail_to("maria@example.bg")
    assert message.subject == "Потвърдете имейл адреса си"
    assert (
        "Получавате това писмо, защото Мария Иванова посочи вашия имейл адрес при регистрация "
        "на профил в електронните услуги на Община Рила."
    ) in message.body
    assert message.body.rstrip().splitlines()[-2] == "Община Рила"
    assert "testserver" not in text_without_links(message.body)


def test_the_confirmation_in_english_names_the_municipality_too(
    client, signup_data, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    sign_up(client, signup_data, django_capture_on_commit_callbacks)

    message = last_mail_to("maria@example.bg")
    assert message.subject == "Please Confirm Your Email Address"
    assert (
        "Мария Иванова gave your email address when registering an account with the "
        "e-services of Община Рила."
    ) in message.body
    assert "testserver" not in text_without_links(message.body)


def test_the_password_reset_email_speaks_of_the_profile_formally(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})

    message = last_mail_to(user.email)
    assert message.subject == "Възстановяване на паролата"
    assert "вие или някой друг е поискал нова парола за профила ви" in message.body
    assert "акаунт" not in message.body.lower()
    assert "Община Рила" in message.body


def test_signing_up_with_a_taken_address_tells_its_owner_in_the_sites_words(
    client, signup_data, django_capture_on_commit_callbacks
):
    UserFactory(email="maria@example.bg")
    mail.outbox.clear()

    sign_up(client, signup_data, django_capture_on_commit_callbacks)

    message = last_mail_to("maria@example.bg")
    assert message.subject == "Вече имате профил"
    assert "Профил с този имейл адрес обаче вече има." in message.body
    assert "e-mail" not in message.body.lower()


@override_settings(ACCOUNT_EMAIL_NOTIFICATIONS=True)
def test_a_security_notice_tells_the_change_and_its_time_as_the_site_writes_it(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client.force_login(user)
    new_password = "Витоша-Черни-връх-2290"

    with (
        time_machine.travel(datetime(2026, 12, 3, 14, 30, tzinfo=SOFIA), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
        )

    message = last_mail_to(user.email)
    assert message.subject == "Паролата ви е сменена"
    assert (
        "В профила ви в електронните услуги е направена следната промяна:\n\nПаролата ви е сменена."
    ) in message.body
    assert "- Дата: 3 декември 2026, 14:30" in message.body
