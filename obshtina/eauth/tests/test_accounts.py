"""Accounts of people who sign in through eAuth: created, linked, found again; the
person identifier kept only hashed and encrypted."""

import logging

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection

from obshtina.accounts.tests.factories import UserFactory
from obshtina.eauth.models import Identity
from obshtina.eauth.selectors import person_identifier_of

from . import flow

pytestmark = pytest.mark.django_db(transaction=True)
EGN = "8001010000"


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_a_first_sign_in_makes_an_account_with_the_name_filled_in(client, live_server, eauth):
    response = flow.sign_in(client, live_server)
    assert response["Location"] == "/profile/"
    user = signed_in_user(client)
    assert user.get_full_name() == "Иван Иванов"
    assert str(user.phone) == "+359888123456"


def test_the_new_accounts_e_mail_waits_for_its_confirmation(client, live_server, eauth, mailoutbox):
    flow.sign_in(client, live_server)
    address = EmailAddress.objects.get(email="ivan@example.com")
    assert not address.verified
    assert any("ivan@example.com" in message.to for message in mailoutbox)


def test_the_next_sign_in_finds_the_same_account(client, live_server, eauth):
    flow.sign_in(client, live_server)
    first = signed_in_user(client)
    client.logout()
    eauth.behaviour.person.email = "new-address@example.com"
    flow.sign_in(client, live_server)
    assert signed_in_user(client) == first
    assert get_user_model().objects.count() == 1


def test_the_identifier_is_found_by_other_services(client, live_server, eauth):
    flow.sign_in(client, live_server)
    assert person_identifier_of(signed_in_user(client)) == f"PNOBG-{EGN}"


def test_an_account_without_eauth_has_no_identifier(db):
    assert person_identifier_of(UserFactory()) is None


def test_the_identifier_is_stored_only_hashed_and_encrypted(client, live_server, eauth):
    flow.sign_in(client, live_server)
    identity = Identity.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT identifier_hash, identifier_encrypted FROM eauth_identity WHERE id = %s",
            [identity.pk],
        )
        row = cursor.fetchone()
    assert all(EGN not in value for value in row)


def test_the_identifier_is_never_logged(client, live_server, eauth, caplog):
    caplog.set_level(logging.DEBUG)
    flow.sign_in(client, live_server)
    assert signed_in_user(client) is not None
    assert EGN not in caplog.text


def test_the_identifier_is_not_in_the_persons_pages(client, live_server, eauth):
    flow.sign_in(client, live_server)
    host = flow.host_of(live_server)
    for url in ("/profile/", "/profile/edit/", "/documents/new/"):
        page = client.get(url, HTTP_HOST=host).content.decode()
        assert EGN not in page, url


def _existing_account():
    user = UserFactory(email="ivan@example.com", first_name="Иван", last_name="Стария")
    user.set_password("стара-парола-2026")
    user.save()
    EmailAddress.objects.filter(user=user).update(verified=True)
    return user


def test_an_account_with_the_same_e_mail_asks_for_its_password_once(client, live_server, eauth):
    user = _existing_account()
    response = flow.sign_in(client, live_server)
    assert response["Location"] == "/eauth/link/"
    assert signed_in_user(client) is None
    host = flow.host_of(live_server)
    refused = client.post("/eauth/link/", {"password": "грешна"}, HTTP_HOST=host)
    assert "Паролата не е вярна." in refused.content.decode()
    client.post("/eauth/link/", {"password": "стара-парола-2026"}, HTTP_HOST=host)
    assert signed_in_user(client) == user
    client.logout()
    flow.sign_in(client, live_server)
    assert signed_in_user(client) == user
    assert get_user_model().objects.count() == 1


def test_too_many_wrong_passwords_end_the_linking(client, live_server, eauth):
    _existing_account()
    flow.sign_in(client, live_server)
    host = flow.host_of(live_server)
    for _attempt in range(5):
        response = client.post("/eauth/link/", {"password": "грешна"}, HTTP_HOST=host)
    assert response["Location"] == "/accounts/login/"
    assert not Identity.objects.exists()


def test_a_sign_in_without_an_e_mail_is_explained(client, live_server, eauth):
    eauth.behaviour.person.email = ""
    response = flow.sign_in(client, live_server)
    page = client.get(response["Location"], HTTP_HOST=flow.host_of(live_server)).content.decode()
    assert "не предаде имейл" in page
    assert not get_user_model().objects.exists()


def test_an_account_without_a_password_is_deleted_after_a_fresh_eauth_sign_in(
    client, live_server, eauth
):
    import time_machine
    from django.utils import timezone

    flow.sign_in(client, live_server)
    user = signed_in_user(client)
    assert not user.has_usable_password()
    delete = "/profile/delete/"
    host = flow.host_of(live_server)

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=11), tick=False):
        page = client.get(delete, HTTP_HOST=host).content.decode()
        assert "Профилът ви няма парола" in page and "Потвърди с електронна идентификация" in page
        refused = client.post(delete, {"confirm": "on"}, HTTP_HOST=host)
        assert refused.status_code == 403
        assert get_user_model().objects.filter(pk=user.pk, is_active=True).exists()

    flow.sign_in(client, live_server, next_url=delete)  # signs in again: proof for 10 minutes
    page = client.get(delete, HTTP_HOST=host).content.decode()
    assert "Разбирам, че профилът ми ще бъде изтрит завинаги." in page
    unconfirmed = client.post(delete, {}, HTTP_HOST=host)
    assert "Отбележете, че разбирате какво ще стане." in unconfirmed.content.decode()
    done = client.post(delete, {"confirm": "on"}, HTTP_HOST=host)
    assert done.status_code == 302
    assert not Identity.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(user_id=user.pk).exists()
