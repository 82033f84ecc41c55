"""The error pages as a citizen meets them, with DEBUG off: accessible, in the site's frame,
and a form left open too long can be sent again after a reload."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_an_unknown_report_number_is_an_accessible_page_with_a_way_forward(page, assert_accessible):
    response = page.goto("/reports/r/С-2026-999999/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Няма такава страница").is_visible()
    assert page.get_by_role("link", name="0700 20 117").count() >= 1
    assert_accessible(page)


def test_a_question_form_left_open_too_long_shows_the_text_and_sends_after_a_reload(
    page, assert_accessible
):
    page.goto("/info/ask/")
    page.context.clear_cookies()  # as if the session and its CSRF cookie had expired
    page.get_by_label("Вашият въпрос").fill("Кога се плаща данъкът за сградата?")
    page.get_by_role("button", name="Изпрати въпроса").click()
    assert page.get_by_role("heading", name="Формата не беше изпратена").is_visible()
    assert page.get_by_label("Текст 1").input_value() == "Кога се плаща данъкът за сградата?"
    assert_accessible(page)

    page.goto("/info/ask/")  # reloaded, the form carries a fresh token
    page.get_by_label("Вашият въпрос").fill("Кога се плаща данъкът за сградата?")
    page.get_by_role("button", name="Изпрати въпроса").click()
    assert page.get_by_role("heading", name="Формата не беше изпратена").count() == 0
