"""The operator registers a question for the caller."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_the_question_is_registered_by_phone_and_its_number_is_shown(client, operator):
    topic = QuestionTopic.objects.create(name="Местни данъци", unit=UnitFactory())

    response = client.post(
        reverse("infodesk:console_question"),
        {
            "topic": topic.pk,
            "text": "Кога е срокът за данъка върху сградите?",
            "phone": "0888123456",
        },
    )

    question = Question.objects.get()
    assert response.status_code == 200
    assert question.channel == Question.Channel.PHONE
    assert question.number in response.content.decode()


def test_a_question_without_text_is_refused_with_a_message(client, operator):
    topic = QuestionTopic.objects.create(name="Местни данъци", unit=UnitFactory())

    response = client.post(reverse("infodesk:console_question"), {"topic": topic.pk, "text": ""})

    assert response.status_code == 400
    assert not Question.objects.exists()
    assert "Въпросът не е регистриран" in response.content.decode()
