import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from .factories import PASSWORD, UserFactory
from .mail import links_in_last_mail_to, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmation_path(client, signup_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data)
    [link] = [
        link for link in links_in_last_mail_to(signup_data["email"]) if "confirm-email" in link
    ]
    return path_of(link)


def test_opening_the_link_asks_for_confirmation_without_confirming(client, confirmation_path):
    response = client.get(confirmation_path)

    assert response.status_code == 200
    assert "Потвърди" in response.text
    assert not EmailAddress.objects.get(email="maria@example.bg").verified


def test_confirming_lets_the_user_log_in(client, signup_data, confirmation_path):
    client.post(confirmation_path)

    response = client.post(
        "/accounts/login/", {"login": "maria@example.bg", "password": signup_data["password1"]}
    )

    assert EmailAddress.objects.get(email="maria@example.bg").verified
    assert response.status_code == 302
    assert response.url == "/profile/"


def test_an_unconfirmed_user_is_told_to_confirm_and_gets_a_new_link(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(verified=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
        )

    assert "Потвърдете имейл адреса си" in response.text
    assert any("confirm-email" in link for link in links_in_last_mail_to(user.email))
    assert client.get("/profile/").status_code == 302


def test_a_broken_link_explains_what_to_do(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 200
    assert "base.html" in [template.name for template in response.templates]
    assert mail.outbox == []
