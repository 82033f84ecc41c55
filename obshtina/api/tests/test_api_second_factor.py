"""The API's tokens and the second factor: an account with one gets a token only with
its code; staff without one get neither a token nor answers to an old token."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from obshtina.accounts.tests.factories import (
    PASSWORD,
    StaffUserFactory,
    UserFactory,
    give_second_factor,
    totp_code,
)
from obshtina.api.models import ApiToken

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def sign_in(client, user, **extra):
    return client.post(
        f"{API}auth/token",
        {"email": user.email, "password": PASSWORD, "name": "Таблет", **extra},
        content_type="application/json",
    )


def test_staff_get_a_token_only_with_the_code_of_their_app(client):
    user = StaffUserFactory()

    without = sign_in(client, user)
    with_code = sign_in(client, user, code=totp_code())

    assert without.status_code == 400
    assert without.json()["code"] == "code_required"
    assert "code" in without.json()["fields"]
    assert with_code.status_code == 201
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_wrong_code_gets_no_token(client):
    user = StaffUserFactory()
    wrong = "000000" if totp_code() != "000000" else "111111"

    response = sign_in(client, user, code=wrong)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_code"
    assert "Кодът е грешен" in response.json()["message"]
    assert not ApiToken.objects.exists()


def test_a_recovery_code_works_once(client):
    user = StaffUserFactory()
    recovery_code = RecoveryCodes.activate(user).get_unused_codes()[0]

    first = sign_in(client, user, code=recovery_code)
    second = sign_in(client, user, code=recovery_code)

    assert first.status_code == 201
    assert second.status_code == 400


def test_a_citizen_who_turned_it_on_needs_the_code_as_well(client):
    user = UserFactory()
    give_second_factor(user)

    assert sign_in(client, user).status_code == 400
    assert sign_in(client, user, code=totp_code()).status_code == 201


def test_a_citizen_without_it_signs_in_with_the_password_as_before(client):
    assert sign_in(client, UserFactory()).status_code == 201


def test_staff_without_a_second_factor_get_no_token(client):
    response = sign_in(client, StaffUserFactory(second_factor=False))

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert not ApiToken.objects.exists()


def test_an_old_token_of_staff_without_a_second_factor_is_refused(client):
    old_token = bearer(StaffUserFactory(second_factor=False))

    response = client.get(f"{API}me", headers=old_token)

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
