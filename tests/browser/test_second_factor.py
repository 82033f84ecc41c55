"""An officer sets up an authenticator app on a phone, logs out and logs in with a
code; a wrong code is refused; a recovery code works once."""

import re

import pytest

from obshtina.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from obshtina.organization.services import unit_member_add
from obshtina.organization.tests.factories import UnitFactory

from .accounts import enter_code, log_in, log_out, wait_for_a_new_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sets_up_the_app_and_logs_in_with_its_codes(phone_page, assert_accessible):
    page = phone_page
    officer = UserFactory(email="georgi@samokov.bg")
    unit_member_add(user=officer, unit=UnitFactory(name="Отдел „Екология и чистота“"))

    # The password alone leads to the setup page, not to the staff pages.
    log_in(page, email=officer.email, password=PASSWORD)
    page.goto("/staff/")
    assert page.url.endswith("/accounts/2fa/")
    assert page.get_by_text("Служителите влизат с втори фактор").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Настройване на приложението").click()
    page.get_by_label("Парола").fill(PASSWORD)  # allauth asks for it again
    page.get_by_role("button", name="Потвърди").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert page.locator(".qr svg").is_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").inner_text().replace(" ", "")
    activation_code = totp_code(secret)
    page.get_by_label("Код от приложението").fill(activation_code)
    page.get_by_role("button", name="Включване").click()

    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    recovery_codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(recovery_codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="Продължете към страницата, която отваряхте").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    log_out(page)

    # A wrong code is refused; the app's code lets the officer in.
    wait_for_a_new_code(secret, used=activation_code)
    log_in(page, email=officer.email, password=PASSWORD, totp_secret=secret)
    assert "/accounts/2fa/authenticate/" not in page.url
    log_out(page)
    log_in(page, email=officer.email, password=PASSWORD, totp_secret="A" * 32)
    assert page.get_by_text("Кодът е грешен или вече е използван").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Отказ").click()
    page.wait_for_load_state()

    # A recovery code works once.
    log_in(page, email=officer.email, password=PASSWORD, totp_secret="A" * 32)
    enter_code(page, recovery_codes[0])
    page.goto("/staff/")
    assert page.url.endswith("/staff/")
    log_out(page)
    log_in(page, email=officer.email, password=PASSWORD, totp_secret="A" * 32)
    enter_code(page, recovery_codes[0])
    assert page.get_by_text("Кодът е грешен или вече е използван").is_visible()
