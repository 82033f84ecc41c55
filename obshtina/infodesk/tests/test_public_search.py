"""The search page forgives Bulgarian word endings and typos and helps when nothing is found."""

import pytest
from django.urls import reverse

from .knowledge_factories import RegulationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def address_registration():
    ServiceFactory(name="Издаване на разрешение за строеж", purpose="Строеж по одобрен проект.")
    return ServiceFactory(
        name="Адресна регистрация по постоянен адрес",
        slug="adresna-registratsiya",
        purpose="Заявяване или промяна на постоянния адрес.",
    )


def search(client, query):
    return client.get(reverse("infodesk:search"), {"q": query})


@pytest.mark.parametrize(
    "query", ["адресна регистрация", "адресни регистрации", "адресна регистация"]
)
def test_endings_and_typos_find_the_address_registration(client, address_registration, query):
    page = search(client, query).content.decode()
    assert address_registration.get_absolute_url() in page
    assert "Издаване на разрешение за строеж" not in page


def test_results_are_labelled_by_kind_with_a_snippet(client, address_registration):
    RegulationFactory(title="Наредба за адресната регистрация", summary="Ред за регистрация.")
    page = search(client, "адресна регистрация").content.decode()
    assert "Административна услуга" in page
    assert "Нормативен документ" in page
    assert "Заявяване или промяна на постоянния адрес." in page


@pytest.mark.parametrize("query", ["", "  ", "ад"])
def test_empty_or_too_short_query_gets_a_clear_message(client, address_registration, query):
    response = search(client, query)
    assert response.status_code == 200
    assert "Напишете поне 3 букви" in response.content.decode()


def test_no_results_suggest_asking_or_calling(client, address_registration):
    page = search(client, "куче").content.decode()
    assert "Няма резултати за „куче“" in page
    assert reverse("infodesk:ask") in page
    assert "0700 20 117" in page


def test_a_very_long_query_is_not_an_error(client, address_registration):
    assert search(client, "адресна регистрация " * 100).status_code == 200


def test_with_no_results_the_question_form_opens_with_the_words_typed(client, address_registration):
    page = search(client, "сечене на дърва в гората").content.decode()
    link = f"{reverse('infodesk:ask')}?text=%D1%81%D0%B5%D1%87%D0%B5%D0%BD%D0%B5"
    assert link in page
    start = page.index(link)
    ask_url = page[start : page.index('"', start)].replace("&amp;", "&")
    form = client.get(ask_url).content.decode()
    assert "\nсечене на дърва в гората</textarea>" in form


def test_words_that_say_nothing_of_the_subject_find_nothing_alone(client, address_registration):
    """ "за" is in half of the knowledge base: a question is matched by its other words."""
    page = search(client, "виза за проектиране").content.decode()
    assert "Няма резултати" in page
