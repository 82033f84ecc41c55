"""A registered user's browser subscribes to push notifications and unsubscribes."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification, PushSubscription

from .factories import NotificationFactory
from .push_helpers import browser_keys, subscribe

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("push:subscribe")
UNSUBSCRIBE = reverse("push:unsubscribe")
ENDPOINT = "https://fcm.googleapis.com/fcm/send/dGhpcyBpcyBhIHRlc3Q"


def subscription_json(endpoint=ENDPOINT, **keys):
    return {"endpoint": endpoint, "expirationTime": None, "keys": {**browser_keys(), **keys}}


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_a_logged_in_user_subscribes_this_browser(vapid, client, citizen):
    client.force_login(citizen)

    response = post_json(
        client, SUBSCRIBE, subscription_json(), HTTP_USER_AGENT="Mozilla/5.0 Firefox/133"
    )

    assert response.status_code == 201
    assert response.json()["message"] == "Известията са включени на това устройство."
    subscription = PushSubscription.objects.get()
    assert subscription.user == citizen
    assert subscription.endpoint == ENDPOINT
    assert subscription.user_agent == "Mozilla/5.0 Firefox/133"


def test_a_visitor_who_is_not_logged_in_cannot_subscribe(vapid, client):
    response = post_json(client, SUBSCRIBE, subscription_json())

    assert response.status_code == 401
    assert "Влезте" in response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_the_csrf_token(vapid, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)

    assert post_json(client, SUBSCRIBE, subscription_json()).status_code == 403

    client.get(reverse("core:csrf"))
    token = client.cookies["csrftoken"].value
    response = post_json(client, SUBSCRIBE, subscription_json(), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://intranet.samokov.local/admin/",
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://127.0.0.1/push",
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "https://evil.example/?x=.push.apple.com",
        "not a url",
        "",
    ],
)
def test_only_well_known_push_services_are_accepted(vapid, client, citizen, endpoint):
    client.force_login(citizen)

    response = post_json(client, SUBSCRIBE, subscription_json(endpoint))

    assert response.status_code == 400
    assert "услуга за известия" in response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_apples_push_service_is_accepted(vapid, client, citizen):
    client.force_login(citizen)

    response = post_json(
        client, SUBSCRIBE, subscription_json("https://web.push.apple.com/QGuQyavX")
    )

    assert response.status_code == 201


@pytest.mark.parametrize("body", [b"", b"[]", b"{not json", json.dumps({"keys": "x"}).encode()])
def test_a_broken_subscription_gets_a_clear_message_not_an_error(vapid, client, citizen, body):
    client.force_login(citizen)

    response = client.post(SUBSCRIBE, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]


def test_a_subscription_without_its_keys_is_refused(vapid, client, citizen):
    client.force_login(citizen)

    response = post_json(client, SUBSCRIBE, subscription_json(auth=""))

    assert response.status_code == 400
    assert response.json()["error"] == "Браузърът изпрати непълен абонамент. Опитайте отново."


def test_without_vapid_keys_nobody_can_subscribe(settings, client, citizen):
    settings.VAPID_PUBLIC_KEY = ""
    client.force_login(citizen)

    response = post_json(client, SUBSCRIBE, subscription_json())

    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_a_browser_belongs_to_whoever_subscribed_it_last(vapid, client, citizen):
    subscribe(UserFactory(), endpoint=ENDPOINT)
    client.force_login(citizen)

    post_json(client, SUBSCRIBE, subscription_json())

    assert PushSubscription.objects.get().user == citizen


def test_the_browser_unsubscribes_by_its_endpoint(vapid, client, citizen):
    subscribe(citizen, endpoint=ENDPOINT)
    client.force_login(citizen)

    response = post_json(client, UNSUBSCRIBE, {"endpoint": ENDPOINT})

    assert response.status_code == 200
    assert not PushSubscription.objects.exists()


def test_nobody_can_unsubscribe_another_users_browser(vapid, client, citizen):
    other = subscribe(UserFactory(), endpoint=ENDPOINT)
    client.force_login(citizen)

    post_json(client, UNSUBSCRIBE, {"endpoint": ENDPOINT})
    client.post(UNSUBSCRIBE, {"subscription": other.pk})

    assert PushSubscription.objects.filter(pk=other.pk).exists()


def test_a_device_is_switched_off_from_the_list_without_javascript(vapid, client, citizen):
    subscription = subscribe(citizen)
    client.force_login(citizen)

    response = client.post(UNSUBSCRIBE, {"subscription": subscription.pk}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("push:settings")
    assert "Известията са изключени за това устройство." in response.content.decode()
    assert not PushSubscription.objects.exists()


def test_a_removed_browser_keeps_the_record_of_what_it_was_sent(vapid, client, citizen):
    subscription = subscribe(citizen)
    sent = NotificationFactory(
        channel=Notification.Channel.PUSH,
        to_email="",
        user=citizen,
        push_subscription=subscription,
        status=Notification.Status.SENT,
    )
    client.force_login(citizen)

    client.post(UNSUBSCRIBE, {"subscription": subscription.pk})

    sent.refresh_from_db()
    assert sent.status == Notification.Status.SENT
    assert sent.push_subscription is None


def test_subscribing_only_takes_posts(vapid, client, citizen):
    client.force_login(citizen)

    assert client.get(SUBSCRIBE).status_code == 405
