"""An administrator resets a lost second factor in the admin; the reset is recorded
in the person's history and e-mailed to them."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.admin.models import LogEntry
from django.core import mail

from .factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def reset_url(user) -> str:
    return f"/admin/accounts/user/{user.pk}/second-factor/reset/"


@pytest.fixture
def administrator(client):
    user = StaffUserFactory(role="administrator", is_superuser=True, first_name="Анна")
    client.force_login(user)
    return user


@pytest.fixture
def officer():
    user = StaffUserFactory(role="operator", email="petya@samokov.bg")
    RecoveryCodes.activate(user)
    return user


def test_the_user_page_shows_the_factors_and_links_to_the_reset(client, administrator, officer):
    page = client.get(f"/admin/accounts/user/{officer.pk}/change/")

    assert page.status_code == 200
    assert reset_url(officer) in page.text


def test_the_reset_asks_for_confirmation_first(client, administrator, officer):
    page = client.get(reset_url(officer))

    assert page.status_code == 200
    assert "Ще бъдат премахнати всички средства за втора стъпка" in page.text
    assert Authenticator.objects.filter(user=officer).count() == 2


def test_the_reset_removes_every_factor_records_it_and_emails_the_person(
    client, administrator, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reset_url(officer))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=officer).exists()
    entry = LogEntry.objects.get(object_id=str(officer.pk))
    assert entry.user == administrator
    assert entry.change_message.startswith("Нулиран втори фактор")
    [message] = [message for message in mail.outbox if "petya@samokov.bg" in message.to]
    assert message.subject == "Вторият фактор за вход в профила ви е нулиран"
    assert "администраторът Анна" in message.body
    assert "/accounts/2fa/" in message.body


def test_after_the_reset_the_staff_member_is_taken_to_set_up_a_new_one(
    client, administrator, officer
):
    client.post(reset_url(officer))
    client.force_login(officer)

    assert client.get("/registry/").url == "/accounts/2fa/"


def test_a_person_without_a_factor_has_nothing_to_reset(client, administrator):
    citizen = UserFactory()

    response = client.post(reset_url(citizen), follow=True)

    assert "няма втори фактор за нулиране" in response.text
    assert not LogEntry.objects.exists()


def test_staff_who_are_not_administrators_cannot_reset(client, officer):
    clerk = StaffUserFactory(role="registry_clerk")
    client.force_login(clerk)

    response = client.post(reset_url(officer))

    assert response.status_code == 403
    assert Authenticator.objects.filter(user=officer).exists()


def test_the_user_list_shows_who_has_a_second_factor(client, administrator, officer):
    UserFactory(email="bez-faktor@example.bg")

    page = client.get("/admin/accounts/user/")

    shown = {user.email: user.second_factor_exists for user in page.context["cl"].result_list}
    assert shown["petya@samokov.bg"] is True
    assert shown["bez-faktor@example.bg"] is False


def test_no_admin_page_shows_the_factors_secrets(client, administrator, officer):
    factor = Authenticator.objects.filter(user=officer).first()

    assert client.get(f"/admin/mfa/authenticator/{factor.pk}/change/").status_code == 404
    assert client.get("/admin/mfa/authenticator/").status_code == 404
