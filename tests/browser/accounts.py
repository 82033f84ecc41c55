"""Steps the browser tests share: a citizen signs up and confirms the e-mail; anyone
logs in, staff passing the second step with the code of their authenticator app."""

import re
import time

from django.core import mail

from obshtina.accounts.tests.factories import TOTP_SECRET, totp_code

EMAIL_LABEL = re.compile(r"^(Имейл|E-mail)")
CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+")


def sign_up(page, *, email: str, password: str, first_name="Мария", last_name="Иванова"):
    page.goto("/accounts/signup/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Име", exact=True).fill(first_name)
    page.get_by_label("Фамилия").fill(last_name)
    page.get_by_label("Телефон").fill("0888 123 456")
    page.get_by_label("Парола", exact=True).fill(password)
    page.get_by_label(re.compile("Парола \\(отново\\)|Повторете паролата")).fill(password)
    page.get_by_role("button", name=re.compile("Регистрация|Регистрирай")).click()
    page.wait_for_load_state()


def confirm_email(page):
    links = [m for message in mail.outbox for m in CONFIRM_LINK.findall(message.body)]
    assert links, "no confirmation link was e-mailed"
    page.goto(links[-1])
    page.get_by_role("button", name=re.compile("Потвърди")).click()
    page.wait_for_load_state()


def log_in(page, *, email: str, password: str, totp_secret: str = TOTP_SECRET):
    """The password, then (for an account with a second factor, as every staff
    account from the factories has) the app's current code, computed from its secret."""
    page.goto("/accounts/login/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Парола").fill(password)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        code = totp_code(totp_secret)
        enter_code(page, code)
        if "/accounts/2fa/authenticate/" in page.url:
            # The code's 30 seconds ran out on the way (a busy machine): the next one.
            wait_for_a_new_code(totp_secret, used=code)
            enter_code(page, totp_code(totp_secret))


def follow_header_link(page, name: str):
    """A link of the site's header: on a phone it is in "Меню", which opens first."""
    menu = page.locator("details.site-menu > summary")
    if menu.is_visible():
        menu.click()
    page.locator("header").get_by_role("link", name=name, exact=True).click()


def open_user_menu(page):
    """The signed-in person's name, top right, opens "Моите …", the profile and "Изход"."""
    page.locator("summary", has=page.locator(".user-menu-name")).click()


def log_out(page):
    open_user_menu(page)
    page.get_by_role("button", name="Изход").click()
    page.wait_for_load_state()


def wait_for_a_new_code(secret: str, *, used: str) -> None:
    """allauth refuses a code used once; the app shows the next one in the next period."""
    while totp_code(secret) == used:
        time.sleep(0.5)


def enter_code(page, code: str):
    """The second step of the login: a code of the app or a recovery code."""
    page.get_by_label("Код", exact=True).fill(code)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_load_state()


def sign_in_with_eauth(page, eauth) -> None:
    """A citizen's sign-in through the local eAuth-like identity provider (the ``eauth``
    fixture): the login page's button, the provider's "Потвърди", back on the profile.
    Who signs in is ``eauth.behaviour.person``."""
    page.route(f"{eauth.url}/**", lambda route: route.continue_())  # past only_this_site
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Вход с електронна идентификация").click()
    page.get_by_role("button", name="Потвърди").click()
    page.wait_for_url("**/profile/")
