"""An account made by eAuth has no password: before a change allauth guards by asking
for the password again (adding a second factor), it proves itself again by a fresh eAuth
sign-in, where allauth alone would let the change through without any proof."""

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory

from . import flow

pytestmark = pytest.mark.django_db(transaction=True)
ACTIVATE = "/accounts/2fa/totp/activate/"


def later(minutes: int = 11):
    return time_machine.travel(timezone.now() + timezone.timedelta(minutes=minutes), tick=False)


def signed_in_by_eauth(client, live_server):
    """A first eAuth sign-in: an account without a password, its e-mail then confirmed
    (allauth adds a second factor only to a confirmed address)."""
    flow.sign_in(client, live_server)
    EmailAddress.objects.update(verified=True)


def open_activation(client, live_server):
    return client.get(ACTIVATE, HTTP_HOST=flow.host_of(live_server))


def test_a_stale_sign_in_goes_through_eauth_again_before_adding_a_second_factor(
    client, live_server, eauth
):
    signed_in_by_eauth(client, live_server)
    assert not get_user_model().objects.get().has_usable_password()

    with later():
        refused = open_activation(client, live_server)
    assert refused.status_code == 302
    assert refused["Location"] == f"/eauth/login/?next={ACTIVATE.replace('/', '%2F')}"

    again = flow.sign_in(client, live_server, next_url=ACTIVATE)
    assert again["Location"] == ACTIVATE
    page = open_activation(client, live_server)
    assert page.status_code == 200 and 'name="code"' in page.content.decode()


def test_a_fresh_eauth_sign_in_is_proof_enough(client, live_server, eauth):
    signed_in_by_eauth(client, live_server)
    assert open_activation(client, live_server).status_code == 200


def test_an_account_with_a_password_is_asked_for_it_as_before(client, live_server, eauth):
    client.force_login(UserFactory())
    with later():
        response = open_activation(client, live_server)
    assert response["Location"].startswith("/accounts/reauthenticate/")
