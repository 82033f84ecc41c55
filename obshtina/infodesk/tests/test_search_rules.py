import pytest

from obshtina.infodesk.models import Service
from obshtina.infodesk.selectors.search import search_knowledge, search_text_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def address_registration():
    service = Service.objects.create(
        name="Адресна регистрация по постоянен адрес",
        slug="adresna-registracia",
        purpose="Заявяване на постоянен адрес на територията на общината.",
    )
    Service.objects.create(
        name="Издаване на разрешение за строеж", slug="razreshenie-za-stroezh", purpose="Строеж."
    )
    for entry in Service.objects.all():
        entry.search_text = search_text_for(entry.name, entry.purpose)
        entry.save()
    return service


@pytest.mark.parametrize(
    "query", ["адресна регистрация", "адресни регистрации", "адресна регистация", "АДРЕСНА"]
)
def test_word_endings_and_typos_find_the_same_service(address_registration, query):
    hits = search_knowledge(query)
    assert hits and hits[0].title == address_registration.name


def test_an_unrelated_query_finds_nothing(address_registration):
    assert search_knowledge("куче") == []
