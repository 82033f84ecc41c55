"""Protection against automated submissions: the honeypot and the per-IP rate limit."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report

from .factories import CategoryFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:submit")


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REPORT_RATE_LIMIT = "2/10m"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data():
    return {
        "category": CategoryFactory().pk,
        "description": "Изгоряла лампа",
        "latitude": "42.3371",
        "longitude": "23.5530",
    }


def test_a_filled_honeypot_is_refused_with_a_clear_message(client, data):
    response = client.post(URL, {**data, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not Report.objects.exists()
    assert "скритото поле" in response.content.decode()


def test_the_honeypot_is_hidden_from_people_and_keyboards(client, data):
    html = client.get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    block = html.split('class="hp-field"')[1].split("</div>")[0]
    assert 'tabindex="-1"' in block
    assert 'autocomplete="off"' in block


def test_after_the_limit_an_anonymous_submission_gets_429_and_keeps_the_text(client, data):
    for _attempt in range(2):
        assert client.post(URL, data).status_code == 302
    response = client.post(URL, {**data, "description": "Трети сигнал"})
    assert response.status_code == 429
    assert Report.objects.count() == 2
    html = response.content.decode()
    assert "много сигнали за кратко време" in html
    assert "Трети сигнал" in html


def test_the_limit_is_per_ip_address(client, data):
    for _attempt in range(2):
        client.post(URL, data, REMOTE_ADDR="10.0.0.1")
    assert client.post(URL, data, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_forms_with_mistakes_do_not_count_towards_the_limit(client, data):
    for _attempt in range(3):
        client.post(URL, {**data, "description": ""})
    assert client.post(URL, data).status_code == 302


def test_signed_in_citizens_are_not_rate_limited(client, data):
    client.force_login(UserFactory())
    for _attempt in range(3):
        assert client.post(URL, data).status_code == 302
    assert Report.objects.count() == 3
