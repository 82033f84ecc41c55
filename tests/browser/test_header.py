"""The header on a phone: one short row, the site's links in "Меню", the citizen's own
pages under their name; both menus open with the keyboard and without JavaScript."""

import re

import pytest

from obshtina.accounts.tests.factories import PASSWORD, UserFactory

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MY_PAGES = {
    "Моите сигнали": "/profile/mine/?kind=reports",
    "Моите писма и заявления": "/profile/mine/?kind=correspondence",
    "Моите срещи": "/reception/mine/",
    "Моите абонаменти": "/reports/subscriptions/",
    "Моят профил": "/profile/",
    "Смяна на паролата": "/accounts/password/change/",
}


@pytest.fixture
def citizen():
    return UserFactory(email="maria@example.bg", first_name="Мария", last_name="Иванова")


def site_menu(page):
    return page.locator("summary").filter(has_text=re.compile(r"^Меню$"))


def header_height(page) -> float:
    return page.locator("header").bounding_box()["height"]


def tab_to(page, locator, *, presses=30):
    """Tab until `locator` has the focus, as a keyboard user would."""
    for _press in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} never got the focus with Tab")


def test_on_a_phone_the_header_is_one_short_row_and_the_menu_opens_with_the_keyboard(
    phone_page, assert_accessible
):
    page = phone_page
    page.goto("/")
    assert header_height(page) <= 80
    assert page.get_by_role("link", name="0700 20 117").first.is_visible()
    map_link = page.get_by_role("link", name="Карта", exact=True)
    assert not map_link.is_visible()

    menu = site_menu(page)
    tab_to(page, menu)
    focus = menu.evaluate("element => getComputedStyle(element).outlineStyle")
    assert focus != "none", "the focused menu button shows no focus"
    page.keyboard.press("Enter")
    assert map_link.is_visible()
    assert page.get_by_role("link", name="Вход", exact=True).is_visible()
    assert_accessible(page)

    tab_to(page, map_link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/map/")


def test_the_citizens_name_opens_their_pages_with_the_keyboard(
    phone_page, citizen, assert_accessible
):
    page = phone_page
    log_in(page, email=citizen.email, password=PASSWORD)
    page.goto("/")
    assert header_height(page) <= 80
    name = page.locator("summary", has_text="Мария")
    assert name.is_visible()
    assert not page.get_by_role("link", name="Моите абонаменти", exact=True).is_visible()

    tab_to(page, name)
    page.keyboard.press("Enter")
    for label in MY_PAGES:
        assert page.get_by_role("link", name=label, exact=True).is_visible(), label
    assert page.get_by_role("button", name="Изход").is_visible()
    assert_accessible(page)

    tab_to(page, page.get_by_role("link", name="Моите абонаменти", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/subscriptions/")
    assert page.get_by_role("heading", name="Моите абонаменти").is_visible()


def test_each_link_of_the_citizens_menu_opens_its_page(page, citizen):
    log_in(page, email=citizen.email, password=PASSWORD)
    for label, path in MY_PAGES.items():
        page.goto("/")
        page.locator("summary", has_text="Мария Иванова").click()
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.url.endswith(path), f"{label} led to {page.url}"


def test_opening_one_menu_closes_the_other(phone_page, citizen):
    page = phone_page
    log_in(page, email=citizen.email, password=PASSWORD)
    page.goto("/")
    page.locator("summary", has_text="Мария").click()
    site_menu(page).click()
    assert page.get_by_role("link", name="Карта", exact=True).is_visible()
    assert not page.get_by_role("link", name="Моите срещи").is_visible()


def test_the_menus_work_without_javascript(browser, live_server, citizen):
    context = browser.new_context(
        base_url=live_server.url,
        locale="bg-BG",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    log_in(page, email=citizen.email, password=PASSWORD)
    page.goto("/")
    site_menu(page).click()
    page.locator("header").get_by_role("link", name="Информация").click()
    page.wait_for_url("**/info/")
    page.locator("summary", has_text="Мария").click()
    page.get_by_role("button", name="Изход").click()
    page.wait_for_load_state()
    assert page.locator("summary", has_text="Мария").count() == 0
    site_menu(page).click()
    assert page.get_by_role("link", name="Вход", exact=True).is_visible()
    context.close()


def test_on_a_wide_screen_the_links_are_in_view_and_the_name_holds_the_citizens_pages(
    page, citizen, assert_accessible
):
    log_in(page, email=citizen.email, password=PASSWORD)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Основна навигация")
    for label in ["Подай сигнал", "Проследи", "Карта", "Информация", "Приемно време"]:
        assert nav.get_by_role("link", name=label, exact=True).is_visible(), label
    assert not site_menu(page).is_visible()
    page.locator("summary", has_text="Мария Иванова").click()
    assert page.get_by_role("link", name="Моите срещи").is_visible()
    assert_accessible(page)


def test_escape_closes_the_open_menu_and_gives_the_focus_back_to_its_button(phone_page):
    page = phone_page
    page.goto("/")
    menu = site_menu(page)
    tab_to(page, menu)
    page.keyboard.press("Enter")
    map_link = page.get_by_role("link", name="Карта", exact=True)
    tab_to(page, map_link)
    page.keyboard.press("Escape")
    assert not map_link.is_visible()
    assert menu.evaluate("element => element === document.activeElement")
