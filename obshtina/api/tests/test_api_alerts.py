"""POST alerts, GET my/alerts, DELETE my/alerts/{id}: alerts for an area through the
API, with the site's double opt-in, and only one's own listed or removed."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification
from obshtina.organization.models import Settlement
from obshtina.reports.models import AreaAlert
from obshtina.reports.tests.factories import CategoryFactory

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db

CENTRE = (42.3370, 23.5528)


@pytest.fixture
def village():
    return Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)


def ask(client, body: dict, **headers):
    return client.post(f"{API}alerts", body, content_type="application/json", headers=headers)


def confirmations() -> list[str]:
    return list(
        Notification.objects.filter(template="report_alert_confirm").values_list(
            "to_email", flat=True
        )
    )


def test_anyone_asks_for_an_alert_and_gets_a_confirmation_link_first(client, village):
    response = ask(client, {"email": "sosedka@example.bg", "settlement": village.pk})
    assert response.status_code == 202
    assert "sosedka@example.bg" in response.json()["message"]
    assert confirmations() == ["sosedka@example.bg"]
    assert AreaAlert.objects.get().confirmed_at is None


def test_asking_again_answers_alike_and_sends_no_second_link(client, village):
    first = ask(client, {"email": "sosedka@example.bg", "settlement": village.pk})
    again = ask(client, {"email": "sosedka@example.bg", "settlement": village.pk})
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert confirmations() == ["sosedka@example.bg"]


def test_a_signed_in_citizens_alert_for_a_point_holds_at_once(client):
    user = UserFactory()
    category = CategoryFactory()
    response = ask(
        client,
        {"lat": CENTRE[0], "lng": CENTRE[1], "radius": 1000, "category": category.pk},
        **bearer(user),
    )
    assert response.status_code == 201
    alert = response.json()
    assert (alert["radius"], alert["category"], alert["confirmed"]) == (1000, category.pk, True)
    assert AreaAlert.objects.get().email == user.email  # the profile's, not one sent
    assert confirmations() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "a@example.bg"}, "lat"),
        ({"email": "a@example.bg", "lat": 48.85, "lng": 2.35}, "lat"),
        ({"email": "a@example.bg", "lat": CENTRE[0], "lng": CENTRE[1], "radius": 300}, "radius"),
        ({"email": "не-е-адрес", "lat": CENTRE[0], "lng": CENTRE[1]}, "email"),
        ({"lat": CENTRE[0], "lng": CENTRE[1]}, "email"),
        ({"email": "a@example.bg", "settlement": 999999}, "settlement"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_in_bulgarian(client, body, field):
    response = ask(client, body)
    assert response.status_code == 400
    error = response.json()
    assert field in error["fields"], error
    assert any("а" <= ch <= "я" for ch in error["message"].lower())
    assert not AreaAlert.objects.exists()


def test_my_alerts_are_only_mine_and_i_remove_mine_alone(client, village):
    me, other = UserFactory(), UserFactory()
    ask(client, {"settlement": village.pk}, **bearer(me))
    ask(client, {"settlement": village.pk}, **bearer(other))
    theirs = AreaAlert.objects.get(user=other)
    listed = client.get(f"{API}my/alerts", headers=bearer(me)).json()
    assert [item["area"] for item in listed["items"]] == ["с. Говедарци"]
    refused = client.delete(f"{API}my/alerts/{theirs.pk}", headers=bearer(me))
    assert refused.status_code == 404
    mine = listed["items"][0]["id"]
    assert client.delete(f"{API}my/alerts/{mine}", headers=bearer(me)).status_code == 204
    assert list(AreaAlert.objects.values_list("user", flat=True)) == [other.pk]


def test_my_alerts_need_signing_in(client):
    assert client.get(f"{API}my/alerts").status_code == 401
