"""The operator finds what to read to the caller while talking."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Service
from obshtina.infodesk.selectors.search import search_text_for
from obshtina.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def address_registration():
    unit = UnitFactory(name="Отдел „ГРАО“", phone="0722 66 123", working_hours="8:30–17:00")
    service = Service(
        name="Адресна регистрация по постоянен адрес",
        slug="adresna-registracia",
        purpose="Заявяване на постоянен адрес в общината.",
        required_documents="Лична карта и заявление.",
        fees="Без такса.",
        deadline="В деня на подаването.",
        unit=unit,
    )
    service.search_text = search_text_for(service.name, service.purpose)
    service.save()
    return service


def test_the_address_registration_service_is_found_by_another_word_form(
    client, operator, address_registration
):
    response = client.get(reverse("infodesk:console_search"), {"q": "адресни регистрации"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Адресна регистрация по постоянен адрес" in page
    assert "Лична карта и заявление." in page
    assert "В деня на подаването." in page
    assert "0722 66 123" in page


def test_the_script_gets_only_the_results(client, operator, address_registration):
    response = client.get(
        reverse("infodesk:console_search"), {"q": "адресна регистрация"}, HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert "Адресна регистрация по постоянен адрес" in page
    assert "<html" not in page


def test_a_search_without_results_says_so(client, operator, address_registration):
    response = client.get(reverse("infodesk:console_search"), {"q": "хеликоптер"})

    assert "Няма намерена информация" in response.content.decode()
