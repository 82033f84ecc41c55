""" "Известия в браузъра": the page, its card in the profile hub, export and deletion."""

import pytest
from django.urls import reverse

from obshtina.accounts.services import user_delete_account
from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import PushSubscription

from .push_helpers import subscribe

pytestmark = pytest.mark.django_db

PAGE = reverse("push:settings")


def test_the_profile_hub_links_to_browser_notifications(client, citizen):
    client.force_login(citizen)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert f'href="{PAGE}"' in html
    assert "Известия в браузъра" in html


def test_the_page_offers_the_switch_with_the_sites_public_key(vapid, client, citizen):
    client.force_login(citizen)

    response = client.get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-public-key="{vapid.VAPID_PUBLIC_KEY}"' in html
    assert "notifications/push.js" in html
    assert vapid.VAPID_PRIVATE_KEY not in html


def test_the_page_lists_only_the_users_own_devices(vapid, client, citizen):
    subscribe(citizen, user_agent="Firefox на лаптопа")
    subscribe(UserFactory(), user_agent="Чужд телефон")
    client.force_login(citizen)

    html = client.get(PAGE).content.decode()

    assert "Firefox на лаптопа" in html
    assert "Чужд телефон" not in html


def test_without_keys_the_page_says_notifications_are_not_available(settings, client, citizen):
    settings.VAPID_PUBLIC_KEY = ""
    client.force_login(citizen)

    html = client.get(PAGE).content.decode()

    assert "Известията в браузъра не са включени на този сайт." in html
    assert "push.js" not in html


def test_the_page_asks_a_visitor_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_data_export_names_the_browsers_but_not_their_keys(vapid, client, citizen):
    subscription = subscribe(citizen, user_agent="Chrome на телефона")
    client.force_login(citizen)

    export = client.get(reverse("accounts:export")).json()

    assert export["push_subscriptions"][0]["browser"] == "Chrome на телефона"
    assert subscription.p256dh not in str(export)
    assert subscription.endpoint not in str(export)


def test_a_deleted_account_gets_no_more_pushes(vapid, citizen):
    subscribe(citizen)

    user_delete_account(user=citizen)

    assert not PushSubscription.objects.exists()
