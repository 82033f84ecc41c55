"""Question topics and questions for the question tests: real submissions through
the service, so numbers and routing are as in production."""

import factory

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.infodesk.services.questions import question_submit
from obshtina.organization.models import Unit
from obshtina.organization.services import unit_member_add
from obshtina.organization.tests.factories import UnitFactory

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


def officer_of(unit: Unit):
    user = UserFactory(second_factor=True)
    unit_member_add(user=user, unit=unit)
    return user
