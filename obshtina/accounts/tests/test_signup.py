import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings

from obshtina.accounts.models import User

from .factories import UserFactory
from .mail import links_in_last_mail_to

pytestmark = pytest.mark.django_db


def test_signup_stores_the_details_and_sends_a_confirmation_link(
    client, signup_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data)

    assert response.status_code == 302
    user = User.objects.get(email="maria@example.bg")
    assert (user.first_name, user.last_name) == ("Мария", "Иванова")
    assert user.phone.as_e164 == "+359888123456"
    assert not EmailAddress.objects.get(user=user).verified
    assert any("/accounts/confirm-email/" in link for link in links_in_last_mail_to(user.email))


def test_signup_mail_goes_through_the_notification_outbox(
    client, signup_data, django_capture_on_commit_callbacks
):
    from obshtina.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data)

    notification = Notification.objects.get(to_email="maria@example.bg")
    assert notification.user == User.objects.get(email="maria@example.bg")
    assert notification.status == Notification.Status.SENT


def test_signup_does_not_log_the_user_in_before_confirmation(client, signup_data):
    client.post("/accounts/signup/", signup_data)

    response = client.get("/profile/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_passwords_are_hashed_with_argon2(client, signup_data):
    client.post("/accounts/signup/", signup_data)

    assert User.objects.get(email="maria@example.bg").password.startswith("argon2")


@pytest.mark.parametrize("phone", ["123", "не е номер", "+44 20 7946 0958"])
def test_a_non_bulgarian_phone_is_refused_with_a_message_next_to_the_field(
    client, signup_data, phone
):
    response = client.post("/accounts/signup/", {**signup_data, "phone": phone})

    assert response.status_code == 200
    assert "Въведете български телефонен номер" in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'value="Мария"' in response.text
    assert 'value="maria@example.bg"' in response.text
    assert not User.objects.exists()


def test_mismatched_passwords_are_refused_in_bulgarian(client, signup_data):
    response = client.post("/accounts/signup/", {**signup_data, "password2": "друга-парола-42"})

    assert "Въведете една и съща парола и в двете полета." in response.text
    assert 'value="Иванова"' in response.text
    assert not User.objects.exists()


def test_signup_requires_the_names(client, signup_data):
    response = client.post("/accounts/signup/", {**signup_data, "first_name": ""})

    assert response.status_code == 200
    assert "Това поле е задължително." in response.text
    assert not User.objects.exists()


def test_a_taken_email_creates_no_second_account_and_warns_its_owner(
    client, signup_data, django_capture_on_commit_callbacks
):
    # allauth's enumeration protection: the visitor sees the usual "check your
    # e-mail" page, and only the owner of the address learns it is registered.
    owner = UserFactory(email="maria@example.bg")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data, follow=True)

    assert "Потвърдете имейл адреса си" in response.text
    assert User.objects.filter(email="maria@example.bg").count() == 1
    assert User.objects.get(email="maria@example.bg").first_name == owner.first_name
    assert [message.to for message in mail.outbox] == [["maria@example.bg"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body
