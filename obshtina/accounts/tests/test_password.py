import pytest

from .factories import PASSWORD, UserFactory
from .mail import links_in_last_mail_to, path_of

pytestmark = pytest.mark.django_db


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    [link] = [link for link in links_in_last_mail_to(user.email) if "/password/reset/key/" in link]

    form_page = client.get(path_of(link), follow=True)
    client.post(
        form_page.request["PATH_INFO"],
        {"password1": "Нова-Парола-2026", "password2": "Нова-Парола-2026"},
    )

    user.refresh_from_db()
    assert user.check_password("Нова-Парола-2026")


def test_password_change_needs_the_current_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "грешна", "password1": "Нова-Парола-2026", "password2": "Нова-Парола-2026"},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_with_the_current_password_works(client):
    user = UserFactory()
    client.force_login(user)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "Нова-Парола-2026", "password2": "Нова-Парола-2026"},
    )

    user.refresh_from_db()
    assert user.check_password("Нова-Парола-2026")
