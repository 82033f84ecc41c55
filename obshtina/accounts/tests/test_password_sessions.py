"""A password change keeps the session it was made in, ends every other session of
the person and is e-mailed to them."""

import pytest
from django.core import mail
from django.test import Client

from .factories import PASSWORD, UserFactory
from .logins import log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Нова-Парола-2026"


def change_password(client):
    return client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    phone = Client()
    phone.force_login(user)
    log_in(client, user)

    with django_capture_on_commit_callbacks(execute=True):
        change_password(client)

    assert client.get("/profile/").status_code == 200
    assert phone.get("/profile/").url.startswith("/accounts/login/")


def test_the_person_is_told_by_email(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    log_in(client, user)

    with django_capture_on_commit_callbacks(execute=True):
        change_password(client)

    [message] = [message for message in mail.outbox if user.email in message.to]
    assert message.subject == "Паролата ви е сменена"
    assert "Всички други влизания в профила ви" in message.body
    assert "IP адрес: 127.0.0.1" in message.body
