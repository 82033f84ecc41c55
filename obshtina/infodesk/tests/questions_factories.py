"""Question topics and questions for the question tests: real submissions through
the service, so numbers and routing are as in production."""

import factory

from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.infodesk.services.questions import question_submit
from obshtina.organization.tests.factories import UnitFactory
from obshtina.organization.tests.factories import officer_of as officer_of

NAME = "Мария Тайнова"
EMAIL = "maria.tainova@example.bg"
PHONE = "0888 765 432"
TEXT = "Живея на ул. Тайна 7 – как да сменя постоянния си адрес?"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionTopic

    name = factory.Sequence(lambda n: f"Тема {n}")
    unit = factory.SubFactory(UnitFactory)


def ask(*, topic: QuestionTopic | None = None, **kwargs) -> Question:
    kwargs.setdefault("text", TEXT)
    return question_submit(topic=topic or TopicFactory(), **kwargs)
