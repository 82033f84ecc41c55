"""Only the contact centre's operators and administrators reach the console."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.organization.tests.factories import UnitFactory, member

pytestmark = pytest.mark.django_db

CONSOLE_PAGES = [
    ("get", "infodesk:console"),
    ("get", "infodesk:console_search"),
    ("get", "infodesk:console_caller"),
    ("post", "infodesk:console_report"),
    ("post", "infodesk:console_question"),
    ("post", "infodesk:console_call"),
    ("get", "infodesk:console_calls"),
]


@pytest.mark.parametrize(("method", "name"), CONSOLE_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, method, name):
    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("method", "name"), CONSOLE_PAGES)
def test_a_citizen_gets_403(client, method, name):
    client.force_login(UserFactory())

    assert getattr(client, method)(reverse(name)).status_code == 403


@pytest.mark.parametrize(("method", "name"), CONSOLE_PAGES)
def test_an_officer_of_a_unit_gets_403(client, method, name):
    client.force_login(member(UnitFactory()))

    assert getattr(client, method)(reverse(name)).status_code == 403


def test_an_operator_opens_the_console(client):
    client.force_login(StaffUserFactory(role="operator"))

    response = client.get(reverse("infodesk:console"))

    assert response.status_code == 200
    assert "Конзола на оператора" in response.content.decode()


def test_an_administrator_opens_the_call_log(client):
    client.force_login(StaffUserFactory(role="administrator"))

    assert client.get(reverse("infodesk:console_calls")).status_code == 200
