"""Protection against automated questions: the honeypot and the per-IP rate limit."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question

from .questions_factories import TopicFactory

pytestmark = pytest.mark.django_db

URL = reverse("infodesk:ask")


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    settings.QUESTION_RATE_LIMIT = "2/10m"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data():
    return {"topic": TopicFactory().pk, "text": "Кога се плаща данъкът върху сградите?"}


def test_a_filled_honeypot_is_refused_with_a_clear_message(client, data):
    response = client.post(URL, {**data, "website": "http://spam.example"})
    assert response.status_code == 200
    assert "скритото поле" in response.content.decode()
    assert not Question.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_keyboards(client):
    html = client.get(URL).content.decode()
    block = html.split('<div class="hp-field" aria-hidden="true">')[1].split("</div>")[0]
    assert 'tabindex="-1"' in block


def test_after_the_limit_an_anonymous_question_gets_429_and_keeps_the_text(client, data):
    for _attempt in range(2):
        assert client.post(URL, data).status_code == 302
    response = client.post(URL, {**data, "text": "Трети въпрос"})
    assert response.status_code == 429
    assert "много въпроси за кратко време" in response.content.decode()
    assert "Трети въпрос" in response.content.decode()
    assert Question.objects.count() == 2


def test_the_limit_is_per_ip_address(client, data):
    for _attempt in range(2):
        client.post(URL, data, REMOTE_ADDR="10.0.0.1")
    assert client.post(URL, data, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_signed_in_citizens_are_not_rate_limited(client, data):
    client.force_login(UserFactory())
    for _attempt in range(3):
        assert client.post(URL, data).status_code == 302
