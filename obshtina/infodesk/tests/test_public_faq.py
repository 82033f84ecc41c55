"""The FAQ shows the published question and answer, never the asker."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Question, QuestionTopic
from obshtina.registry.services import registry_number_issue
from obshtina.reports.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def ask(**kwargs) -> Question:
    registry_number = registry_number_issue(series="questions")
    kwargs.setdefault("text", "Аз, Петър Петров от ул. „Искър“ 5, питам кога е сметоизвозването?")
    return Question.objects.create(
        registry_number=registry_number,
        number=registry_number.code,
        topic=QuestionTopic.objects.get_or_create(name="Отпадъци")[0],
        unit=UnitFactory(),
        asker_name="Петър Петров",
        asker_email="petar@example.com",
        asker_phone="0888 123 456",
        **kwargs,
    )


def test_faq_shows_published_texts_without_personal_data(client):
    ask(
        is_faq=True,
        faq_question="Кога се извозват битовите отпадъци в Самоков?",
        faq_answer="Всеки вторник и петък.",
    )
    page = client.get(reverse("infodesk:faq")).content.decode()
    assert "Кога се извозват битовите отпадъци в Самоков?" in page
    assert "Всеки вторник и петък." in page
    for private in ["Петър Петров", "petar@example.com", "0888 123 456", "ул. „Искър“"]:
        assert private not in page


def test_questions_not_published_as_faq_are_not_shown(client):
    ask(faq_question="Непубликуван въпрос?", faq_answer="Непубликуван отговор.")
    page = client.get(reverse("infodesk:faq")).content.decode()
    assert "Непубликуван въпрос?" not in page
    assert "Все още няма публикувани въпроси и отговори." in page
