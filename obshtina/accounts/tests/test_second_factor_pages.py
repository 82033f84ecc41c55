"""The two-factor pages are the site's own: its layout, Bulgarian, and nothing that a
strict Content-Security-Policy would block (no inline code, styles or data: images)."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from .factories import StaffUserFactory, UserFactory
from .logins import confirm_password, log_in, log_in_with_code
from .security_key import SoftwareSecurityKey

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S)


def assert_csp_friendly(html: str) -> None:
    for script in SCRIPT.finditer(html):
        attributes, body = script["attributes"], script["body"].strip()
        is_data = 'type="application/json"' in attributes
        assert is_data or (" src=" in attributes and not body), script.group(0)[:200]
    assert " style=" not in html
    assert " onclick=" not in html and " onload=" not in html
    assert 'src="data:' not in html


@pytest.fixture(autouse=True)
def http_test_origin(settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True


def add_security_key(client, name="Ключ на връзката"):
    page = client.get("/accounts/2fa/webauthn/add/")
    credential = SoftwareSecurityKey().register(page.context["js_data"]["creation_options"])
    client.post("/accounts/2fa/webauthn/add/", {"name": name, "credential": credential})


@pytest.fixture
def staff_client(client):
    user = StaffUserFactory(first_name="Георги")
    RecoveryCodes.activate(user)
    log_in_with_code(client, user)
    confirm_password(client)
    add_security_key(client)
    return client


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/accounts/2fa/", "Приложение за удостоверяване"),
        ("/accounts/2fa/recovery-codes/", "Остават 10 неизползвани кода от 10"),
        ("/accounts/2fa/recovery-codes/generate/", "Досегашните кодове ще спрат да важат"),
        ("/accounts/2fa/totp/deactivate/", "Изключване на приложението за удостоверяване"),
        ("/accounts/2fa/webauthn/", "Ключ на връзката"),
        ("/accounts/2fa/webauthn/add/", "Добавяне на ключ за сигурност"),
        ("/accounts/2fa/reauthenticate/", "Код от приложението"),
    ],
)
def test_each_page_opens_in_the_site_s_layout_in_bulgarian(staff_client, path, text):
    response = staff_client.get(path)

    assert response.status_code == 200
    assert text in response.text
    assert "Контактен център" in response.text  # the site's header and footer
    assert_csp_friendly(response.text)


def test_the_setup_page_shows_the_qr_code_inside_the_page_and_the_secret(client):
    log_in(client, UserFactory())
    confirm_password(client)

    response = client.get("/accounts/2fa/totp/activate/")

    secret = response.context["form"].secret
    assert '<svg aria-hidden="true"' in response.text
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in response.text
    assert 'inputmode="numeric"' in response.text
    assert_csp_friendly(response.text)


def test_the_second_step_of_the_login_is_csp_friendly_with_a_security_key(client):
    user = StaffUserFactory()
    log_in_with_code(client, user)
    confirm_password(client)
    add_security_key(client)
    client.post("/accounts/logout/")
    log_in(client, user)

    response = client.get("/accounts/2fa/authenticate/")

    assert "Използвайте ключ за сигурност" in response.text
    assert_csp_friendly(response.text)


def test_the_profile_links_to_the_two_factor_page(client):
    client.force_login(UserFactory())

    response = client.get("/profile/")

    assert 'href="/accounts/2fa/"' in response.text
    assert "(изключено)" in response.text
