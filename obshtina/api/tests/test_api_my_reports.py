"""GET my/reports and my/subscriptions (GET, POST, DELETE): only the user's own."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, Subscription
from obshtina.reports.tests.factories import submit_report

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_my_reports_lists_only_the_reports_i_filed(client):
    user = UserFactory()
    mine = submit_report(author=user)
    submit_report(author=UserFactory())
    body = client.get(f"{API}my/reports", headers=bearer(user)).json()
    assert body["count"] == 1
    assert [item["number"] for item in body["items"]] == [mine.number]


def test_my_reports_come_fifty_a_page(client):
    user = UserFactory()
    for _ in range(51):
        submit_report(author=user)
    headers = bearer(user)
    first = client.get(f"{API}my/reports", headers=headers).json()
    second = client.get(f"{API}my/reports", {"page": 2}, headers=headers).json()
    assert (first["pages"], len(first["items"]), len(second["items"])) == (2, 50, 1)


def test_a_citizen_subscribes_lists_and_unsubscribes(client):
    user, report = UserFactory(), submit_report()
    headers = bearer(user)
    created = client.post(
        f"{API}my/subscriptions",
        {"number": report.number},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["number"] == report.number
    listed = client.get(f"{API}my/subscriptions", headers=headers).json()["items"]
    assert [item["number"] for item in listed] == [report.number]
    deleted = client.delete(f"{API}my/subscriptions/{report.number}", headers=headers)
    assert deleted.status_code == 204
    assert not Subscription.objects.filter(user=user).exists()


def test_subscribing_twice_keeps_one_subscription(client):
    user, report = UserFactory(), submit_report()
    headers = bearer(user)
    for _ in range(2):
        client.post(
            f"{API}my/subscriptions",
            {"number": report.number},
            content_type="application/json",
            headers=headers,
        )
    assert Subscription.objects.filter(user=user).count() == 1


def test_a_hidden_or_unknown_report_cannot_be_subscribed_to(client):
    report = submit_report()
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    headers = bearer(UserFactory())
    for number in (report.number, "С-2020-000404"):
        response = client.post(
            f"{API}my/subscriptions",
            {"number": number},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 404


def test_another_citizens_subscription_is_not_mine_to_remove(client):
    report = submit_report()
    other = UserFactory()
    Subscription.objects.create(user=other, report=report)
    response = client.delete(
        f"{API}my/subscriptions/{report.number}", headers=bearer(UserFactory())
    )
    assert response.status_code == 404
    assert Subscription.objects.filter(user=other).exists()
