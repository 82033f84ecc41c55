"""A citizen signs in with the national e-identification (the local eAuth-like
identity provider), finds the name filled in and files a letter."""

import re

import pytest

from obshtina.correspondence.models import Correspondence

from .accounts import sign_in_with_eauth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTER = re.compile(r"П-\d{4}-\d{6}")


def test_a_citizen_signs_in_with_eauth_and_files_a_letter(page, eauth, assert_accessible):
    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in_with_eauth(page, eauth)
    assert "Влязохте с електронна идентификация." in page.locator("main").inner_text()

    page.goto("/documents/new/")
    assert page.get_by_label("Име и фамилия").input_value() == "Иван Иванов"
    assert page.get_by_role("textbox", name="Имейл").input_value() == "ivan@example.com"
    page.get_by_label("писмо", exact=True).check()
    page.get_by_label("Относно").fill("Ремонт на тротоар")
    page.get_by_label(re.compile(r"^Текст:?$")).fill("Моля за ремонт на тротоара.")
    page.get_by_role("button", name="Подай документа").click()
    page.wait_for_load_state()
    match = LETTER.search(page.locator("main").inner_text())
    assert match, page.locator(".errorlist").all_inner_texts()
    letter = Correspondence.objects.get(number=match.group(0))
    assert letter.sender_name == "Иван Иванов"
    assert "8001010000" not in page.content()


def test_without_javascript_the_button_goes_on_to_eauth(browser, live_server, eauth):
    context = browser.new_context(
        locale="bg-BG", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/eauth/login/")
    page.get_by_role("button", name="Продължи към електронната идентификация").click()
    page.get_by_role("button", name="Потвърди").click()
    page.wait_for_url("**/profile/")
    assert "Влязохте с електронна идентификация." in page.locator("main").inner_text()
    context.close()
