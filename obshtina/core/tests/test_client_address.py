"""Behind the proxy of deploy/ each citizen has a rate-limit bucket of their own, and a
client that writes X-Forwarded-For itself gains nothing (settings.TRUSTED_PROXIES)."""

import pytest
from django.test import RequestFactory, override_settings

from obshtina.accounts.tests.factories import PASSWORD, UserFactory
from obshtina.api.tests.v1_helpers import API
from obshtina.core.clients import client_address
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

pytestmark = pytest.mark.django_db

NGINX = "127.0.0.1"


def address(remote, forwarded=None, proxies=(NGINX,)):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXIES=list(proxies)):
        return client_address(RequestFactory().get("/", **headers))


def test_the_client_is_the_address_the_trusted_proxy_saw():
    assert address(NGINX, "203.0.113.7") == "203.0.113.7"


def test_what_a_client_wrote_into_the_header_before_the_proxy_is_ignored():
    assert address(NGINX, "198.51.100.1, 203.0.113.7") == "203.0.113.7"


def test_a_client_that_connects_directly_cannot_claim_another_address():
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_without_trusted_proxies_the_header_is_never_read():
    assert address(NGINX, "203.0.113.7", proxies=()) == NGINX


def test_a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop():
    chain = "198.51.100.1, 203.0.113.7, 10.0.0.5"
    assert address(NGINX, chain, proxies=(NGINX, "10.0.0.0/8")) == "203.0.113.7"


def test_garbage_in_the_header_leaves_the_last_trusted_hop():
    assert address(NGINX, "not-an-address") == NGINX


def test_ports_and_mapped_ipv6_are_read_as_plain_addresses():
    assert address(NGINX, "[2001:db8::1]:443") == "2001:db8::1"
    assert address(NGINX, "203.0.113.7:51234") == "203.0.113.7"
    assert address("::ffff:203.0.113.7") == "203.0.113.7"


def report(client, forwarded, remote=NGINX):
    data = {
        "category": CategoryFactory().pk,
        "description": "Дупка на тротоара",
        "lat": SAMOKOV[0],
        "lng": SAMOKOV[1],
    }
    return client.post(f"{API}reports", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


@override_settings(TRUSTED_PROXIES=[NGINX], API_RATE_LIMIT="2/10m")
def test_two_citizens_behind_the_proxy_have_separate_buckets(client):
    assert [report(client, "203.0.113.7").status_code for _ in range(3)] == [201, 201, 429]
    assert report(client, "203.0.113.8").status_code == 201
    assert Report.objects.count() == 3


@override_settings(TRUSTED_PROXIES=[NGINX], API_RATE_LIMIT="2/10m")
def test_a_forged_header_from_outside_gains_nothing(client):
    remote = "203.0.113.7"
    statuses = [report(client, f"198.51.100.{n}", remote=remote).status_code for n in range(3)]
    assert statuses == [201, 201, 429]


@override_settings(
    TRUSTED_PROXIES=[NGINX], ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,5/5m/key"}
)
def test_wrong_logins_of_ten_people_do_not_lock_out_an_eleventh(client):
    for n in range(10):
        client.post(
            "/accounts/login/",
            {"login": f"someone{n}@example.bg", "password": "грешна"},
            REMOTE_ADDR=NGINX,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    user = UserFactory()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="198.51.100.50",
    )
    assert response.status_code == 302
