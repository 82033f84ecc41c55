"""Links in allauth's e-mails start with SITE_URL, the site's one address, whatever host
and port the request came in on."""

import pytest

from .factories import UserFactory
from .mail import links_in_last_mail_to

pytestmark = pytest.mark.django_db

SITE = "https://e.samokov.bg"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_the_confirmation_link_is_at_the_site_address(
    client, signup_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data, HTTP_HOST="127.0.0.1:8000")

    [link] = [link for link in links_in_last_mail_to("maria@example.bg") if "confirm-email" in link]
    assert link.startswith(f"{SITE}/accounts/confirm-email/")


def test_the_password_reset_link_is_at_the_site_address(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email}, HTTP_HOST="127.0.0.1")

    [link] = [link for link in links_in_last_mail_to(user.email) if "/password/reset/key/" in link]
    assert link.startswith(f"{SITE}/accounts/password/reset/key/")
