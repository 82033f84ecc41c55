"""Anonymous POSTs are limited per IP address (settings.API_RATE_LIMIT); signed-in ones are not."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory, UnitFactory

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_per_period(settings):
    settings.API_RATE_LIMIT = "2/10m"


def report(client, headers=None):
    data = {
        "category": CategoryFactory().pk,
        "description": "Дупка на пътя пред училището",
        "lat": SAMOKOV[0],
        "lng": SAMOKOV[1],
    }
    return client.post(f"{API}reports", data, headers=headers or {})


def test_the_third_anonymous_report_in_the_period_is_429_and_not_registered(client):
    assert [report(client).status_code for _ in range(2)] == [201, 201]
    response = report(client)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == "600"
    assert Report.objects.count() == 2


def test_refused_input_does_not_count_against_the_limit(client):
    for _ in range(3):
        client.post(f"{API}reports", {"description": ""})
    assert report(client).status_code == 201


def test_a_signed_in_citizen_is_not_limited(client):
    headers = bearer(UserFactory())
    assert [report(client, headers).status_code for _ in range(3)] == [201, 201, 201]


def test_anonymous_questions_are_limited_too(client):
    topic = QuestionTopic.objects.create(name="Данъци", unit=UnitFactory())
    statuses = [
        client.post(
            f"{API}questions",
            {"topic": topic.pk, "text": "Въпрос?"},
            content_type="application/json",
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert Question.objects.count() == 2


def test_failed_sign_ins_are_limited(client):
    user = UserFactory()
    for _ in range(2):
        client.post(
            f"{API}auth/token",
            {"email": user.email, "password": "грешна"},
            content_type="application/json",
        )
    response = client.post(
        f"{API}auth/token",
        {"email": user.email, "password": "Самоков-2025-парола"},
        content_type="application/json",
    )
    assert response.status_code == 429
