"""Every demo account logs in through the real login page straight away; staff pass
the second step with what the command prints beside their login."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from obshtina.accounts.tests.factories import totp_code
from obshtina.organization.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db

CITIZENS = [account for account in DEMO_ACCOUNTS if not account.is_staff]
STAFF = [account for account in DEMO_ACCOUNTS if account.is_staff]


def load_and_print() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def printed_row(output: str, email: str) -> list[str]:
    [line] = [line for line in output.splitlines() if f" {email} " in f" {line} "]
    return line.split()


def log_in(client, email):
    return client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})


@pytest.mark.parametrize("account", CITIZENS, ids=lambda account: account.email)
@override_settings(DEMO=True)
def test_a_demo_citizen_logs_in_with_the_printed_password(client, account):
    load_and_print()

    response = log_in(client, account.email)

    assert response.status_code == 302
    assert response.url == "/profile/"
    assert client.get("/profile/").status_code == 200


@pytest.mark.parametrize("account", STAFF, ids=lambda account: account.email)
@override_settings(DEMO=True)
def test_a_demo_staff_member_passes_the_second_step_with_the_printed_secret(client, account):
    row = printed_row(load_and_print(), account.email)
    secret = row[row.index(account.email) + 1]

    response = log_in(client, account.email)
    assert response.url == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    # Officials land on "Моята работа", the contact centre on its console.
    landing = "/info/console/" if account.email.startswith("operator@") else "/staff/"
    assert response.url == landing
    assert client.get(landing).status_code == 200


@override_settings(DEMO=True)
def test_a_printed_recovery_code_works_again_after_the_next_load(client):
    row = printed_row(load_and_print(), "officer@demo.samokov.bg")
    recovery_code = row[-1]
    log_in(client, "officer@demo.samokov.bg")
    client.post("/accounts/2fa/authenticate/", {"code": recovery_code})
    client.post("/accounts/logout/")

    load_and_print()
    log_in(client, "officer@demo.samokov.bg")
    response = client.post("/accounts/2fa/authenticate/", {"code": recovery_code})

    assert response.status_code == 302
    assert response.url == "/staff/"


@override_settings(DEMO=False)
def test_without_demo_no_secret_is_printed_and_no_account_exists():
    output = load_and_print()

    assert "authenticator secret" not in output
    assert not any(account.email in output for account in DEMO_ACCOUNTS)
