"""A sign-in through eAuth at SUBSTANTIAL or HIGH is two factors by itself; at LOW a
member of staff is still asked for their own."""

import pytest

from obshtina.accounts.tests.factories import StaffUserFactory
from obshtina.eauth.services import identity_link

from . import flow

pytestmark = pytest.mark.django_db(transaction=True)
WORKSPACE = "/staff/"


def staff_with_eauth(*, second_factor: bool = False):
    staff = StaffUserFactory(second_factor=second_factor)
    identity_link(user=staff, identifier="PNOBG-8001010000")
    return staff


def open_workspace(client, live_server):
    return client.get(WORKSPACE, HTTP_HOST=flow.host_of(live_server))


@pytest.mark.parametrize("level", ["SUBSTANTIAL", "HIGH"])
def test_staff_signed_in_at_a_strong_level_reach_the_workspace_without_a_code(
    client, live_server, eauth, settings, level
):
    settings.EAUTH_LEVEL_OF_ASSURANCE = level
    staff_with_eauth()
    flow.sign_in(client, live_server, next_url=WORKSPACE)
    assert open_workspace(client, live_server).status_code == 200


def test_staff_signed_in_at_low_are_sent_to_set_up_a_second_factor(
    client, live_server, eauth, settings
):
    settings.EAUTH_LEVEL_OF_ASSURANCE = "LOW"
    staff_with_eauth()
    flow.sign_in(client, live_server, next_url=WORKSPACE)
    response = open_workspace(client, live_server)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"


def test_staff_with_an_app_signed_in_at_low_are_asked_for_its_code(
    client, live_server, eauth, settings
):
    settings.EAUTH_LEVEL_OF_ASSURANCE = "LOW"
    staff_with_eauth(second_factor=True)
    response = flow.sign_in(client, live_server, next_url=WORKSPACE)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_the_strong_sign_in_counts_for_its_own_session_only(client, live_server, eauth, settings):
    staff = staff_with_eauth()
    flow.sign_in(client, live_server, next_url=WORKSPACE)
    client.logout()
    client.force_login(staff)
    response = open_workspace(client, live_server)
    assert response["Location"] == "/accounts/2fa/"
