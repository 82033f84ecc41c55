""" "Абонирай се" on a report's page, and "Моите абонаменти"."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, Subscription
from obshtina.reports.selectors.public import subscriptions_profile_section
from obshtina.reports.services.following import (
    subscription_add,
    subscription_remove,
    subscription_remove_by_token,
)
from obshtina.reports.services.notify import unsubscribe_url

from .factories import submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return submit_report()


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def subscribe_url(report: Report) -> str:
    return reverse("reports:subscribe", args=[report.number])


def test_a_signed_in_user_subscribes_from_the_report_page(client, citizen, report):
    assert "Абонирай се" in client.get(report.get_absolute_url()).content.decode()
    response = client.post(subscribe_url(report), {"action": "subscribe"}, follow=True)
    assert Subscription.objects.filter(user=citizen, report=report).exists()
    page = response.content.decode()
    assert "Абонирахте се" in page
    assert "Отпиши се" in page


def test_subscribing_twice_keeps_one_subscription(client, citizen, report):
    client.post(subscribe_url(report), {"action": "subscribe"})
    client.post(subscribe_url(report), {"action": "subscribe"})
    assert Subscription.objects.filter(user=citizen, report=report).count() == 1


def test_a_subscriber_unsubscribes_from_the_report_page(client, citizen, report):
    subscription_add(user=citizen, report=report)
    response = client.post(subscribe_url(report), {"action": "unsubscribe"})
    assert response["Location"] == report.get_absolute_url()
    assert not Subscription.objects.filter(user=citizen, report=report).exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, report):
    response = client.post(subscribe_url(report), {"action": "subscribe"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not Subscription.objects.exists()


def test_a_hidden_report_cannot_be_subscribed_to(client, citizen, report):
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    assert client.post(subscribe_url(report), {"action": "subscribe"}).status_code == 404
    assert not Subscription.objects.exists()


def test_the_next_address_must_be_on_this_site(client, citizen, report):
    response = client.post(
        subscribe_url(report), {"action": "subscribe", "next": "https://evil.example/"}
    )
    assert response["Location"] == report.get_absolute_url()


def test_my_subscriptions_lists_the_reports_with_their_status(client, citizen, report):
    other = submit_report()
    subscription_add(user=citizen, report=report)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.IN_PROGRESS)
    page = client.get(reverse("reports:subscriptions")).content.decode()
    assert report.number in page
    assert report.category.name in page
    assert "в процес на решаване" in page
    assert other.number not in page


def test_unsubscribing_from_my_subscriptions_returns_to_the_list(client, citizen, report):
    subscription_add(user=citizen, report=report)
    response = client.post(
        subscribe_url(report),
        {"action": "unsubscribe", "next": reverse("reports:subscriptions")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("reports:subscriptions")
    assert "Все още няма абонаменти." in response.content.decode()


def test_my_subscriptions_needs_a_login(client):
    response = client.get(reverse("reports:subscriptions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_removing_a_subscription_is_idempotent(report):
    user = UserFactory()
    subscription = subscription_add(user=user, report=report)
    token = unsubscribe_url(subscription).rsplit("/", 2)[-2]
    assert subscription_remove(user=user, report=report) is True
    assert subscription_remove(user=user, report=report) is False
    assert subscription_remove_by_token(token) == report


def test_the_profile_section_counts_the_subscriptions(report):
    user = UserFactory()
    subscription_add(user=user, report=report)
    section = subscriptions_profile_section(user)
    assert section["count"] == 1
    assert section["url"] == reverse("reports:subscriptions")
    assert str(section["title"]) == "Моите абонаменти"
