"""The site's 400, 403 and 404 pages with DEBUG off: in the site's layout, in Bulgarian,
with the contact centre's phone and a way forward; and nothing inline for the CSP."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def assert_site_page(response, status: int) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="bg">' in page
    assert 'class="site-header"' in page  # the site's layout, not a bare page
    assert 'href="tel:070020117"' in page
    assert 'href="/"' in page
    assert not re.search(r"<script>|<style|style=\"| on[a-z]+=", page)
    return page


@pytest.mark.parametrize("path", ["/reports/r/С-2026-999999/", "/nyama/takava/", "/%0A"])
def test_an_unknown_address_is_a_bulgarian_404_page_that_offers_tracking(browser, path):
    page = assert_site_page(browser.get(path), 404)
    assert "Няма такава страница" in page
    assert f'action="{reverse("core:track")}"' in page


def test_the_404_page_is_in_english_for_a_visitor_who_chose_english(browser, settings):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = browser.get("/nyama/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Page not found" in page


def test_form_data_over_the_limit_is_a_page_that_names_the_limits(browser, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    description = "дупка " * (1024 * 1024)  # 11 MB of text
    page = assert_site_page(browser.post("/reports/new/", {"description": description}), 400)
    assert "Изпратените данни са твърде големи" in page
    assert "текстът на една форма – до 5 MB" in page
    assert "всяка до 10 MB" in page


def test_a_request_django_cannot_read_is_a_bulgarian_400_page(browser):
    response = browser.post("/reports/new/", b"--x", content_type="multipart/form-data")
    page = assert_site_page(response, 400)
    assert "Заявката не може да бъде обработена" in page


def test_a_page_for_others_is_a_bulgarian_403_page(browser):
    browser.force_login(UserFactory())
    page = assert_site_page(browser.get(reverse("reception:schedules")), 403)
    assert "Нямате достъп до тази страница" in page
