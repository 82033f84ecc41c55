"""A question's answer form offers its topic's templates."""

import pytest
from django.urls import reverse

from obshtina.casework.models import AnswerTemplate
from obshtina.infodesk.tests.questions_factories import TopicFactory, ask, officer_of

from .helpers import answer_template, textarea

pytestmark = pytest.mark.django_db


def test_fill_on_a_questions_answer_uses_its_topics_template(client):
    topic = TopicFactory()
    question = ask(topic=topic, asker_name="Мария Тайнова")
    template = answer_template(
        kind=AnswerTemplate.Kind.QUESTION, topic=topic, text="По въпрос {номер}: ..."
    )
    client.force_login(officer_of(topic.unit))
    url = reverse("infodesk:question_manage", kwargs={"number": question.number})

    fill = {"action": "answer", "answer": "", "answer_template": template.pk, "fill_template": "1"}

    response = client.post(url, fill)

    assert response.status_code == 200
    assert textarea(response.text, "answer") == f"По въпрос {question.number}: ..."
    question.refresh_from_db()
    assert question.answer == ""
