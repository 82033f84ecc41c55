import re

import pytest

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = {
    "/accounts/login/": "Вход",
    "/accounts/signup/": "Регистрация",
    "/accounts/password/reset/": "Възстановяване на паролата",
    "/accounts/confirm-email/": "Потвърдете имейл адреса си",
}
USER_PAGES = {
    "/accounts/password/change/": "Смяна на паролата",
    "/accounts/email/": "Имейл адреси",
    "/profile/": "Моят профил",
    "/profile/edit/": "Промяна на данните",
    "/profile/delete/": "Изтриване на профила",
}


# The site writes "имейл" and "профил"; allauth's own Bulgarian says "e-mail" and "акаунт".
FOREIGN_WORDS = re.compile(r"e-?mail|е-мейл|акаунт", re.IGNORECASE)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html))


def assert_in_site_layout(response, heading):
    assert response.status_code == 200
    assert 'class="site-header"' in response.text
    assert response.text.count("<h1") == 1
    assert heading in re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S).group(1)
    assert not FOREIGN_WORDS.search(visible_text(response.text))


def assert_every_input_is_labelled(html):
    for match in re.finditer(r"<input[^>]*>", html):
        tag = match.group(0)
        if re.search(r'type="(hidden|submit)"', tag) or 'name="language"' in tag:
            continue
        input_id = re.search(r'id="([^"]+)"', tag)
        assert input_id, f"input without id: {tag}"
        assert f'for="{input_id.group(1)}"' in html, f"no label for {tag}"


@pytest.mark.parametrize(("path", "heading"), ANONYMOUS_PAGES.items())
def test_account_pages_use_the_site_layout_in_bulgarian(client, path, heading):
    response = client.get(path)

    assert_in_site_layout(response, heading)
    assert_every_input_is_labelled(response.text)


@pytest.mark.parametrize(("path", "heading"), USER_PAGES.items())
def test_pages_for_logged_in_users_use_the_site_layout(client, path, heading):
    client.force_login(UserFactory())

    response = client.get(path)

    assert_in_site_layout(response, heading)
    assert_every_input_is_labelled(response.text)


def test_errors_are_tied_to_their_field(client):
    response = client.post("/accounts/signup/", {"email": "не-е-имейл"})

    assert 'id="id_email_error"' in response.text
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_email"', response.text)


def test_the_login_page_asks_formally_about_a_forgotten_password(client):
    page = client.get("/accounts/login/").text

    assert "Забравена парола?" in page
    assert "Ако още нямате профил" in page
    assert "Забрави си паролата" not in page
