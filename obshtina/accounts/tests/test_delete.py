import pytest
from allauth.account.models import EmailAddress

from obshtina.accounts import sections
from obshtina.accounts.models import User
from obshtina.organization.models import Role, StaffRole

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_asks_for_the_password(client):
    client.force_login(UserFactory())

    response = client.get("/profile/delete/")

    assert response.status_code == 200
    assert '<label for="id_password">' in response.text


def test_a_wrong_password_deletes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/profile/delete/", {"password": "грешна"})

    assert response.status_code == 200
    assert "Паролата не е вярна." in response.text
    user.refresh_from_db()
    assert user.is_active


def test_deleting_erases_the_personal_data_but_keeps_the_row(client):
    user = UserFactory(
        first_name="Мария", last_name="Иванова", phone="+359888123456", second_factor=True
    )
    StaffRole.objects.create(user=user, role=Role.OPERATOR)
    client.force_login(user)

    response = client.post("/profile/delete/", {"password": PASSWORD}, follow=True)

    assert "Профилът ви е изтрит" in response.text
    user = User.objects.get(pk=user.pk)
    assert user.email == f"deleted-{user.pk}@invalid"
    assert (user.first_name, user.last_name, str(user.phone)) == ("", "", "")
    assert not user.is_active
    assert not user.authenticator_set.exists()
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not user.staff_roles.exists()


def test_a_deleted_user_is_logged_out_and_cannot_log_in_again(client):
    user = UserFactory()
    email = user.email
    client.force_login(user)

    client.post("/profile/delete/", {"password": PASSWORD})
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})

    assert response.status_code == 200
    assert client.get("/profile/").status_code == 302


def test_deleting_one_account_leaves_others_alone(client):
    user, other = UserFactory(), UserFactory(first_name="Петър")
    client.force_login(user)

    client.post("/profile/delete/", {"password": PASSWORD})

    other.refresh_from_db()
    assert other.first_name == "Петър"
    assert other.is_active


def test_apps_erase_their_own_data_when_an_account_is_deleted(client, monkeypatch):
    erased = []
    monkeypatch.setattr(sections, "deletion_hooks", [])
    sections.register_deletion_hook(lambda user: erased.append(user.email))
    user = UserFactory()
    client.force_login(user)

    client.post("/profile/delete/", {"password": PASSWORD})

    assert erased == [user.email]
