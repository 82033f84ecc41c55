"""Questions: topics, POST questions, and the public part of a question."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.reports.tests.factories import UnitFactory

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return QuestionTopic.objects.create(name="Местни данъци", unit=UnitFactory())


def ask(client, topic, headers=None, **fields):
    payload = {"topic": getattr(topic, "pk", topic), "text": "Кога изтича срокът за данък сгради?"}
    payload.update(fields)
    return client.post(
        f"{API}questions", payload, content_type="application/json", headers=headers or {}
    )


def test_topics_list_the_active_ones(client, topic):
    QuestionTopic.objects.create(name="Стара тема", is_active=False)
    topics = client.get(f"{API}question-topics").json()["items"]
    assert topics == [{"id": topic.pk, "name": topic.name}]


def test_an_anonymous_citizen_asks_and_gets_the_number_and_private_link(client, topic):
    response = ask(client, topic, email="petar@example.bg", name="Петър")
    assert response.status_code == 201
    body = response.json()
    question = Question.objects.get(number=body["number"])
    assert question.channel == Question.Channel.API
    assert question.asker_email == "petar@example.bg"
    assert body["access_url"].endswith(question.get_access_url())


def test_a_signed_in_citizens_question_is_theirs(client, topic):
    user = UserFactory()
    body = ask(client, topic, headers=bearer(user)).json()
    assert Question.objects.get(number=body["number"]).author == user


def test_bad_input_is_explained_per_field(client, topic):
    response = ask(client, topic, text="   ", email="не-е-имейл")
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["text"] == ["Напишете въпроса си."]
    assert fields["email"] == ["Въведете валиден имейл адрес, напр. ivan@example.bg."]


def test_an_unknown_topic_is_refused(client, topic):
    response = ask(client, 999_999)
    assert response.status_code == 400
    assert "topic" in response.json()["fields"]


def test_the_public_question_shows_topic_status_and_answer_never_the_text_or_asker(client, topic):
    number = ask(client, topic, email="petar@example.bg", name="Петър Петров").json()["number"]
    Question.objects.filter(number=number).update(answer="До 30 април.", status="answered")
    response = client.get(f"{API}questions/{number}")
    body = response.json()
    assert (body["topic"], body["status"], body["answer"]) == (
        topic.name,
        "answered",
        "До 30 април.",
    )
    text = response.content.decode()
    for private in ("данък сгради", "petar@example.bg", "Петър Петров"):
        assert private not in text
