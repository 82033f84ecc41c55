"""The link with eAuth in the person's data export and on deleting the account."""

import pytest

from obshtina.accounts.selectors import user_export_data
from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.eauth.models import Identity
from obshtina.eauth.services import identity_link

pytestmark = pytest.mark.django_db


def test_deleting_the_account_removes_its_link_with_eauth(client, settings):
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    user = UserFactory()
    identity_link(user=user, identifier="PNOBG-8001010000")
    client.force_login(user)
    client.post("/profile/delete/", {"password": PASSWORD})
    assert not Identity.objects.exists()


def test_the_export_says_the_account_is_linked_without_the_identifier(client, settings):
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    user = UserFactory()
    identity_link(user=user, identifier="PNOBG-8001010000")
    section = user_export_data(user=user)["eauth"]
    assert section["linked"] is True
    assert "8001010000" not in str(section)
