"""Security keys (WebAuthn): added on the two-factor page, then the second step of the
login; a key counts as the second factor staff must have."""

import pytest
from allauth.mfa.models import Authenticator

from .factories import StaffUserFactory
from .logins import SECOND_STEP, confirm_password, log_in
from .security_key import SoftwareSecurityKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def http_test_origin(settings):
    # The test client is http://testserver; production needs https.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True


def add_key(client, key: SoftwareSecurityKey, name: str = "Ключ на връзката"):
    page = client.get("/accounts/2fa/webauthn/add/")
    credential = key.register(page.context["js_data"]["creation_options"])
    return client.post("/accounts/2fa/webauthn/add/", {"name": name, "credential": credential})


def test_a_staff_member_without_a_factor_adds_a_key_and_reaches_the_staff_pages(client):
    user = StaffUserFactory(second_factor=False)
    log_in(client, user)
    confirm_password(client)

    response = add_key(client, SoftwareSecurityKey())

    assert response.status_code == 302
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.data["name"] == "Ключ на връзката"
    assert client.get("/registry/").status_code == 200


def test_the_key_passes_the_second_step_of_the_login(client):
    user = StaffUserFactory(second_factor=False)
    key = SoftwareSecurityKey()
    log_in(client, user)
    confirm_password(client)
    add_key(client, key)
    client.post("/accounts/logout/")

    assert log_in(client, user).url == SECOND_STEP
    page = client.get(SECOND_STEP)
    assertion = key.sign_in(page.context["js_data"]["request_options"])
    response = client.post(SECOND_STEP, {"credential": assertion})

    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/registry/").status_code == 200


def test_another_key_is_refused(client):
    user = StaffUserFactory(second_factor=False)
    log_in(client, user)
    confirm_password(client)
    add_key(client, SoftwareSecurityKey())
    client.post("/accounts/logout/")
    log_in(client, user)

    page = client.get(SECOND_STEP)
    stranger = SoftwareSecurityKey().sign_in(page.context["js_data"]["request_options"])
    client.post(SECOND_STEP, {"credential": stranger})

    assert client.get("/profile/").url.startswith("/accounts/login/")
