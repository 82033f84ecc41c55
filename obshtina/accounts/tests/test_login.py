import pytest
from django.test import override_settings

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_by_email_leads_to_the_profile(client):
    user = UserFactory()

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/profile/"


def test_a_wrong_password_is_refused_in_bulgarian(client):
    user = UserFactory()

    response = client.post("/accounts/login/", {"login": user.email, "password": "грешна"})

    assert response.status_code == 200
    assert "Имейл адресът или паролата не са верни." in response.text


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/5m/key"})
def test_after_too_many_failures_even_the_right_password_is_refused(client):
    user = UserFactory()
    for _attempt in range(3):
        client.post("/accounts/login/", {"login": user.email, "password": "грешна"})

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Твърде много неуспешни опити за вход" in response.text
    assert client.get("/profile/").status_code == 302


def test_logout_ends_the_session(client):
    client.force_login(UserFactory())

    client.post("/accounts/logout/")

    assert client.get("/profile/").status_code == 302
