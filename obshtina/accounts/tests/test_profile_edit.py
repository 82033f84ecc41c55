import pytest

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_form_starts_with_the_current_details(client):
    client.force_login(UserFactory(first_name="Мария", phone="+359888123456"))

    response = client.get("/profile/edit/")

    assert 'value="Мария"' in response.text
    assert '<label for="id_phone">' in response.text


def test_saving_changes_the_details(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/profile/edit/",
        {"first_name": "Петя", "last_name": "Петрова", "phone": "02 123 4567", "language": "bg"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone.as_e164) == (
        "Петя",
        "Петрова",
        "+35921234567",
    )
    assert "Данните ви са запазени." in client.get("/profile/").text


def test_the_phone_may_be_removed(client):
    user = UserFactory()
    client.force_login(user)

    client.post(
        "/profile/edit/",
        {"first_name": "Петя", "last_name": "Петрова", "phone": "", "language": "bg"},
    )

    user.refresh_from_db()
    assert not user.phone


def test_a_foreign_phone_is_refused_and_nothing_changes(client):
    user = UserFactory(first_name="Мария")
    client.force_login(user)

    response = client.post(
        "/profile/edit/", {"first_name": "Петя", "last_name": "Петрова", "phone": "+1 212 555 2368"}
    )

    assert response.status_code == 200
    assert "Въведете български телефонен номер" in response.text
    assert 'aria-describedby="id_phone_error"' in response.text
    user.refresh_from_db()
    assert user.first_name == "Мария"
