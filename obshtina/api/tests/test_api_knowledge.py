"""The knowledge base: services, regulations and procedures, themes, search, FAQ."""

import pytest

from obshtina.infodesk.models import Question, QuestionTopic, Regulation
from obshtina.infodesk.services.questions import question_submit
from obshtina.infodesk.tests.knowledge_factories import (
    RegulationFactory,
    ServiceFactory,
    ThemeFactory,
)
from obshtina.reports.tests.factories import UnitFactory

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_services_list_the_published_ones_and_filter_by_theme(client):
    birth = ThemeFactory(name="Раждане", slug="razhdane")
    registered = ServiceFactory(name="Удостоверение за раждане", themes=[birth])
    ServiceFactory(name="Разрешение за строеж")
    ServiceFactory(name="Чернова", is_published=False)
    assert client.get(f"{API}knowledge/services").json()["count"] == 2
    response = client.get(f"{API}knowledge/services", {"theme": "razhdane"})
    assert [item["slug"] for item in response.json()["items"]] == [registered.slug]


def test_an_unknown_theme_is_explained(client):
    response = client.get(f"{API}knowledge/services", {"theme": "nyama-takava"})
    assert response.status_code == 400
    assert response.json()["fields"]["theme"] == ["Няма такава тема."]


def test_a_service_shows_what_the_citizen_needs(client):
    service = ServiceFactory(fees="10 лв.", required_documents="Лична карта", unit=UnitFactory())
    body = client.get(f"{API}knowledge/services/{service.slug}").json()
    assert body["fees"] == "10 лв."
    assert body["required_documents"] == "Лична карта"
    assert body["unit"]["name"] == service.unit.name


def test_an_unpublished_service_is_404(client):
    service = ServiceFactory(is_published=False)
    assert client.get(f"{API}knowledge/services/{service.slug}").status_code == 404


def test_procedures_are_regulations_of_their_own_kind(client):
    procedure = RegulationFactory(title="Процедура за жалби", kind=Regulation.Kind.PROCEDURE)
    RegulationFactory(title="Наредба за реда")
    response = client.get(f"{API}knowledge/regulations", {"kind": "procedure"})
    assert [item["slug"] for item in response.json()["items"]] == [procedure.slug]
    detail = client.get(f"{API}knowledge/regulations/{procedure.slug}").json()
    assert detail["kind_label"] == "процедура"
    assert detail["file_url"] is None


def test_an_unknown_kind_of_regulation_is_refused(client):
    response = client.get(f"{API}knowledge/regulations", {"kind": "закон"})
    assert response.status_code == 400
    assert response.json()["fields"]["kind"][0].startswith("Изберете една от стойностите")


def test_search_forgives_endings_and_typos(client):
    service = ServiceFactory(name="Адресна регистрация", purpose="Заявяване на постоянен адрес.")
    hits = client.get(f"{API}knowledge/search", {"q": "адресна регистация"}).json()["items"]
    assert hits[0]["title"] == service.name
    assert hits[0]["label"] == "Административна услуга"


def test_a_search_of_two_letters_asks_for_more(client):
    response = client.get(f"{API}knowledge/search", {"q": "ад"})
    assert response.status_code == 400
    assert response.json()["fields"]["q"] == ["Напишете поне 3 букви, за да търсите."]


def test_faq_and_themes_are_listed(client):
    ThemeFactory(name="Строителство")
    topic = QuestionTopic.objects.create(name="Отпадъци", unit=UnitFactory())
    question = question_submit(topic=topic, text="Аз, Петър от ул. Искър 5, питам за сметта.")
    Question.objects.filter(pk=question.pk).update(
        is_faq=True, faq_question="Кога се извозва сметта?", faq_answer="Всеки вторник."
    )
    faq = client.get(f"{API}knowledge/faq").json()["items"]
    assert faq == [
        {
            "number": question.number,
            "topic": "Отпадъци",
            "question": "Кога се извозва сметта?",
            "answer": "Всеки вторник.",
        }
    ]
    assert "Петър" not in client.get(f"{API}knowledge/faq").content.decode()
    themes = client.get(f"{API}knowledge/themes").json()["items"]
    assert [theme["name"] for theme in themes] == ["Строителство"]
