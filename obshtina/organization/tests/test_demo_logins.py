"""Every demo account logs in through the real login page straight away."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from obshtina.organization.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("email", [account.email for account in DEMO_ACCOUNTS])
@override_settings(DEMO=True)
def test_a_demo_account_logs_in_with_the_printed_password(client, email):
    call_command("load_demo_data", verbosity=0)

    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response.url == "/profile/"
    assert client.get("/profile/").status_code == 200
