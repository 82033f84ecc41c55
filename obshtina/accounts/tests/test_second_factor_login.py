"""Logging in with a second factor: the code of the app, a recovery code once, a wrong
code refused; the admin logs in through the same pages."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from .factories import StaffUserFactory, UserFactory, give_second_factor, totp_code
from .logins import SECOND_STEP, log_in, log_in_with_code

pytestmark = pytest.mark.django_db


def test_the_password_alone_leads_to_the_second_step_not_into_the_account(client):
    user = StaffUserFactory()

    response = log_in(client, user)

    assert response.url == SECOND_STEP
    assert client.get("/profile/").url.startswith("/accounts/login/")
    page = client.get(SECOND_STEP)
    assert "Вход: втора стъпка" in page.text
    assert 'autocomplete="one-time-code"' in page.text


def test_the_code_of_the_app_logs_in(client):
    response = log_in_with_code(client, StaffUserFactory())

    assert response.url == "/staff/"  # an official lands on "Моята работа"
    assert client.get("/registry/").status_code == 200


def test_a_wrong_code_is_refused_in_bulgarian(client):
    user = StaffUserFactory()
    log_in(client, user)
    wrong = "000000" if totp_code() != "000000" else "111111"

    response = client.post(SECOND_STEP, {"code": wrong})

    assert response.status_code == 200
    assert "Кодът е грешен или вече е използван" in response.text
    assert client.get("/profile/").url.startswith("/accounts/login/")


def test_a_code_cannot_be_used_twice(client):
    user = StaffUserFactory()
    code = totp_code()
    log_in_with_code(client, user, code=code)
    client.post("/accounts/logout/")

    log_in(client, user)
    response = client.post(SECOND_STEP, {"code": code})

    assert response.status_code == 200
    assert "Кодът е грешен или вече е използван" in response.text


def test_a_recovery_code_logs_in_once(client):
    user = StaffUserFactory()
    recovery_code = RecoveryCodes.activate(user).get_unused_codes()[0]

    first = log_in_with_code(client, user, code=recovery_code)
    client.post("/accounts/logout/")
    log_in(client, user)
    second = client.post(SECOND_STEP, {"code": recovery_code})

    assert first.url == "/staff/"
    assert second.status_code == 200
    assert "Кодът е грешен или вече е използван" in second.text


def test_a_citizen_who_turned_it_on_is_asked_for_the_code_too(client):
    user = UserFactory()
    give_second_factor(user)

    assert log_in(client, user).url == SECOND_STEP


def test_the_admin_login_goes_through_the_site_s_login_and_its_second_step(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")

    log_in_with_code(client, StaffUserFactory(role="administrator", is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_a_citizen_logged_in_on_the_site_is_refused_by_the_admin(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/").status_code == 403
