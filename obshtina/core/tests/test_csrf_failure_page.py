"""A form refused by the CSRF check (open too long, no cookie): a Bulgarian page that says
how to send again, and shows what was typed only if the form was on this site."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
TYPED = {
    "text": "Кога се плаща <b>данъкът</b> за сградата на ул. „Рилска“ 5?",
    "email": "maria@example.bg",
    "password": "тайна парола от три думи",
    "csrfmiddlewaretoken": "изтекъл ключ със интервали",
}


@pytest.fixture
def browser(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32  # the token of a page opened long ago
    return client


def send(browser, *, origin=SITE, referer=None):
    headers = {"Origin": origin} if origin else {}
    if referer:
        headers["Referer"] = referer
    return browser.post(reverse("infodesk:ask"), TYPED, headers=headers)


def test_an_expired_form_gets_a_bulgarian_page_that_says_reload_and_send_again(browser):
    response = send(browser)
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="bg">' in page
    assert "Формата не беше изпратена" in page
    assert "Презаредете страницата и изпратете отново" in page
    assert "бутона „Назад“" in page
    assert 'href="tel:070020117"' in page


def test_the_typed_text_is_shown_escaped_to_copy(browser):
    page = send(browser).content.decode()
    assert "Кога се плаща &lt;b&gt;данъкът&lt;/b&gt; за сградата" in page
    assert "<b>данъкът</b>" not in page
    assert "readonly" in page


def test_passwords_tokens_and_single_words_are_never_shown(browser):
    page = send(browser).content.decode()
    assert "тайна парола" not in page
    assert "изтекъл ключ" not in page
    assert "maria@example.bg" not in page


def test_nothing_typed_is_shown_when_the_form_was_on_another_site(browser):
    page = send(browser, origin="https://evil.example").content.decode()
    assert "Формата не беше изпратена" in page
    assert "данъкът" not in page


def test_without_origin_the_referer_decides(browser):
    here = send(browser, origin=None, referer=f"{SITE}/info/ask/").content.decode()
    elsewhere = send(browser, origin=None, referer="https://evil.example/").content.decode()
    assert "данъкът" in here
    assert "данъкът" not in elsewhere


def test_the_page_links_back_to_the_form_it_came_from(browser):
    page = send(browser, referer=f"{SITE}/info/ask/?topic=3").content.decode()
    assert f'href="{SITE}/info/ask/?topic=3"' in page


def test_the_page_is_never_stored_by_a_cache(browser):
    assert "no-store" in send(browser)["Cache-Control"]


def test_without_a_cookie_the_page_asks_to_allow_cookies(browser):
    del browser.cookies["csrftoken"]
    page = send(browser).content.decode()
    assert "разрешете бисквитките" in page


def test_after_the_page_a_reloaded_form_is_accepted(browser):
    send(browser)
    form = browser.get(reverse("infodesk:ask"))
    token = form.context["csrf_token"]
    response = browser.post(
        reverse("infodesk:ask"), {**TYPED, "csrfmiddlewaretoken": str(token)}, headers={}
    )
    assert response.status_code != 403
