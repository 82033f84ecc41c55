"""Signing in: personal tokens (issue, use, list, revoke) and the site's session with CSRF."""

import pytest
from django.test import Client

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.api.models import ApiToken, hash_token

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD, name="Моят телефон"):
    return client.post(
        f"{API}auth/token",
        {"email": email, "password": password, "name": name},
        content_type="application/json",
    )


def test_a_citizen_signs_in_with_email_and_password_and_gets_a_token_once(client):
    user = UserFactory()
    response = sign_in(client, user.email)
    assert response.status_code == 201
    body = response.json()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Моят телефон"
    assert token.token_hash == hash_token(body["token"])
    assert body["token"] not in str(ApiToken.objects.values_list())


def test_the_token_signs_the_app_in_and_notes_when_it_was_used(client):
    user = UserFactory(first_name="Мария")
    token = sign_in(client, user.email).json()["token"]
    response = client.get(f"{API}me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["first_name"] == "Мария"
    assert response.json()["email_verified"] is True
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    user = UserFactory()
    response = sign_in(client, user.email, password="грешна")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_credentials",
        "message": "Грешен имейл или парола.",
    }


def test_an_unconfirmed_email_gets_no_token(client):
    user = UserFactory(verified=False)
    response = sign_in(client, user.email)
    assert response.status_code == 403
    assert response.json()["code"] == "unconfirmed"
    assert not ApiToken.objects.exists()


def test_without_a_token_or_session_a_private_endpoint_is_401(client):
    response = client.get(f"{API}me")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_wrong_token_is_401(client):
    response = client.get(f"{API}me", headers={"Authorization": "Bearer не-е-ключ"})
    assert response.status_code == 401


def test_a_revoked_token_no_longer_signs_in(client):
    user = UserFactory()
    headers = bearer(user)
    token = ApiToken.objects.get(user=user)
    response = client.delete(f"{API}auth/tokens/{token.pk}", headers=headers)
    assert response.status_code == 204
    assert client.get(f"{API}me", headers=headers).status_code == 401


def test_tokens_are_listed_without_secrets_and_another_users_token_cannot_be_revoked(client):
    user, other = UserFactory(), UserFactory()
    headers = bearer(user)
    bearer(other)
    listed = client.get(f"{API}auth/tokens", headers=headers).json()["items"]
    assert [item["name"] for item in listed] == ["Тестов телефон"]
    assert set(listed[0]) == {"id", "name", "created_at", "last_used_at"}
    others = ApiToken.objects.get(user=other)
    assert client.delete(f"{API}auth/tokens/{others.pk}", headers=headers).status_code == 404
    assert ApiToken.objects.filter(pk=others.pk).exists()


def test_a_deactivated_users_token_does_not_sign_in(client):
    user = UserFactory()
    headers = bearer(user)
    user.is_active = False
    user.save()
    assert client.get(f"{API}me", headers=headers).status_code == 401


def test_the_sites_session_works_for_reading_and_needs_the_csrf_token_for_changes():
    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get(f"{API}me").status_code == 200
    refused = browser.post(
        f"{API}my/subscriptions", {"number": "С-2026-000001"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"


def test_with_the_csrf_token_the_session_may_change_things():
    from obshtina.reports.tests.factories import submit_report

    report = submit_report()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())
    token = "k" * 32  # as the site's pages set it in the csrftoken cookie
    browser.cookies["csrftoken"] = token
    response = browser.post(
        f"{API}my/subscriptions",
        {"number": report.number},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201
