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


def test_the_profile_shows_the_link_and_the_person_can_end_it(client, settings):
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    user, other = UserFactory(), UserFactory()
    identity_link(user=user, identifier="PNOBG-8001010000")
    identity_link(user=other, identifier="PNOBG-7501010000")
    client.force_login(user)

    page = client.get("/profile/").content.decode()
    assert "профилът е свързан от" in page and "Прекрати връзката" in page
    assert "8001010000" not in page
    response = client.post("/eauth/unlink/")

    assert response.status_code == 302 and response["Location"] == "/profile/"
    assert not Identity.objects.filter(user=user).exists()
    assert Identity.objects.filter(user=other).exists()  # only one's own link ends
    assert "Прекрати връзката" not in client.get("/profile/").content.decode()


def test_an_account_without_a_password_keeps_its_link_until_it_has_one(client, settings):
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    identity_link(user=user, identifier="PNOBG-8001010000")
    client.force_login(user)

    assert "задайте парола" in client.get("/profile/").content.decode()
    response = client.post("/eauth/unlink/")

    assert response.status_code == 302 and "password/set" in response["Location"]
    assert Identity.objects.filter(user=user).exists()


def test_a_visitor_cannot_unlink_anything(client):
    response = client.post("/eauth/unlink/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/eauth/unlink/").status_code in (302, 405)
