import pytest

from obshtina.accounts.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, second_factor=True))
    return client


def test_staff_can_find_a_user_by_phone(admin_client):
    UserFactory(email="maria@example.bg", phone="+359888765432")
    UserFactory(email="other@example.bg", phone="+359888000000")

    response = admin_client.get("/admin/accounts/user/", {"q": "+359888765432"})

    assert response.status_code == 200
    assert "maria@example.bg" in response.text
    assert "other@example.bg" not in response.text


def test_staff_can_add_a_user_with_email_and_password(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new@samokov.bg",
            "first_name": "Нов",
            "last_name": "Служител",
            "usable_password": "true",
            "password1": "Рила-Мусала-2925",
            "password2": "Рила-Мусала-2925",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="new@samokov.bg").check_password("Рила-Мусала-2925")


def test_the_change_page_opens(admin_client):
    user = UserFactory()

    assert admin_client.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200
