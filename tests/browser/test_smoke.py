"""The foundation's smoke test: a citizen registers, confirms the e-mail and logs in."""

import pytest

from .accounts import confirm_email, log_in, open_user_menu, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def demo_organization():
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)


def test_home_page_has_the_frame_and_is_accessible(page, assert_accessible):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "bg"
    header = page.locator("header")
    assert "Община Самоков" in header.inner_text()
    assert "0700 20 117" in header.inner_text()
    nav = page.get_by_role("navigation", name="Основна навигация")
    for label in ["Подай сигнал", "Проследи", "Карта", "Информация", "Приемно време", "Вход"]:
        assert nav.get_by_role("link", name=label).count() >= 1, label
    assert page.locator("footer").get_by_text("0700 20 117").count() >= 1
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Към основното съдържание")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_shows_the_site_in_english(page, assert_accessible):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Report a problem").count() >= 1
    assert_accessible(page)


def test_unknown_number_gets_a_clear_message(page, assert_accessible):
    page.goto("/")
    page.get_by_label("Номер на сигнал или въпрос").fill("С-2026-999999")
    page.get_by_role("button", name="Търсене").click()
    assert page.get_by_text("Проверете номера").is_visible()
    assert_accessible(page)


def test_citizen_registers_confirms_email_and_logs_in(page, assert_accessible):
    sign_up(page, email="maria@example.bg", password="Planina-Rila-2026")
    assert_accessible(page)

    # Not confirmed yet: logging in is refused and the citizen is told to confirm.
    log_in(page, email="maria@example.bg", password="Planina-Rila-2026")
    assert "/profile/" not in page.url

    confirm_email(page)
    log_in(page, email="maria@example.bg", password="Planina-Rila-2026")
    page.wait_for_url("**/profile/")
    assert page.get_by_role("heading", name="Моят профил").is_visible()
    assert page.get_by_text("Мария").first.is_visible()
    assert_accessible(page)

    open_user_menu(page)
    page.get_by_role("link", name="Всичко подадено от мен", exact=True).click()
    page.wait_for_url("**/profile/mine/")
    assert page.get_by_text("Все още няма нищо подадено от вас.").is_visible()
    assert_accessible(page)


def test_the_frame_works_on_a_phone(phone_page, assert_accessible):
    phone_page.goto("/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    assert phone_page.get_by_role("link", name="0700 20 117").first.is_visible()
    assert_accessible(phone_page)


def test_an_emergency_notice_is_on_every_page_and_accessible_on_a_phone(
    phone_page, assert_accessible
):
    from datetime import timedelta

    from django.utils import timezone

    from obshtina.core.models import SiteNotice

    SiteNotice.objects.create(
        title="Обилен снеговалеж",
        text="Пътят за Боровец е затворен до второ нареждане.",
        level=SiteNotice.Level.DANGER,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=1),
    )
    for path in ("/", "/reports/map/", "/info/"):
        phone_page.goto(path)
        notice = phone_page.get_by_role("complementary", name="Опасност: Обилен снеговалеж")
        assert notice.is_visible(), path
        assert "Пътят за Боровец е затворен" in notice.inner_text()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone_page)
