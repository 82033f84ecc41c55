"""The knowledge base's pages show what a citizen needs to know."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from obshtina.infodesk.models import Regulation, ServiceForm, Theme
from obshtina.reports.tests.factories import UnitFactory

from .knowledge_factories import RegulationFactory, ServiceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unit():
    return UnitFactory(
        name="Дирекция „Административно-правно обслужване“",
        slug="apo",
        functions="Гражданска регистрация и административно обслужване.",
        head_name="Мария Иванова",
        address="гр. Самоков, ул. „Македония“ № 36",
        phone="0722 6 61 01",
        email="apo@samokov.bg",
        working_hours="понеделник – петък, 8:00 – 17:30",
    )


@pytest.fixture
def birth():
    return ThemeFactory(name="Раждане", slug="razhdane", kind=Theme.Kind.LIFE_SITUATION)


@pytest.fixture
def service(unit, birth):
    service = ServiceFactory(
        name="Издаване на удостоверение за раждане – дубликат",
        slug="dublikat",
        purpose="Нов екземпляр при загубено удостоверение.",
        who_may_apply="Лицето или неговите родители.",
        required_documents="Заявление по образец.",
        fees="5 лв. обикновена услуга, 10 лв. бърза",
        deadline="до 7 работни дни",
        apply_online=True,
        apply_by_post=False,
        how_to_apply="В Центъра за административно обслужване.",
        legal_basis="Закон за гражданската регистрация",
        unit=unit,
        updated_at=datetime(2025, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC")),
        themes=[birth],
    )
    ServiceForm.objects.create(
        service=service,
        title="Заявление за дубликат",
        file=SimpleUploadedFile("zayavlenie.txt", b"zayavlenie"),
    )
    return service


def test_index_offers_search_themes_life_situations_and_asking(birth, client):
    ThemeFactory(name="Местни данъци и такси", slug="danaci", kind=Theme.Kind.THEME)
    page = client.get(reverse("infodesk:index")).content.decode()
    assert f'action="{reverse("infodesk:search")}"' in page
    assert "Житейски ситуации" in page and "Раждане" in page
    assert "Местни данъци и такси" in page
    for name in ["services", "regulations", "units", "faq", "ask"]:
        assert reverse(f"infodesk:{name}") in page


def test_service_page_shows_every_field(service, client):
    response = client.get(reverse("infodesk:service", kwargs={"slug": "dublikat"}))
    page = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Нов екземпляр при загубено удостоверение.",
        "Лицето или неговите родители.",
        "Заявление по образец.",
        "5 лв. обикновена услуга, 10 лв. бърза",
        "до 7 работни дни",
        "по електронен път",
        "В Центъра за административно обслужване.",
        "Закон за гражданската регистрация",
        "0722 6 61 01",
        "apo@samokov.bg",
        "понеделник – петък, 8:00 – 17:30",
        "Заявление за дубликат",
        "Раждане",
    ]:
        assert text in page
    assert "по пощата" not in page
    # 23:30 UTC is already the next day in Sofia.
    assert "05.03.2025" in page
    assert service.forms.get().file.url in page


def test_services_list_filters_by_theme(service, client):
    ServiceFactory(name="Издаване на скица за поземлен имот")
    page = client.get(reverse("infodesk:services"), {"theme": "razhdane"}).content.decode()
    assert service.name in page
    assert "Издаване на скица за поземлен имот" not in page
    everything = client.get(reverse("infodesk:services")).content.decode()
    assert "Издаване на скица за поземлен имот" in everything


def test_regulations_list_filters_by_kind_and_status(client):
    RegulationFactory(title="Наредба за обществения ред")
    RegulationFactory(title="Стара наредба за рекламата", status=Regulation.Status.REPEALED)
    RegulationFactory(title="Правилник на Общинския съвет", kind=Regulation.Kind.RULES)
    url = reverse("infodesk:regulations")
    repealed = client.get(url, {"status": "repealed"}).content.decode()
    assert "Стара наредба за рекламата" in repealed
    assert "Наредба за обществения ред" not in repealed
    rules = client.get(url, {"kind": "rules"}).content.decode()
    assert "Правилник на Общинския съвет" in rules
    assert "Наредба за обществения ред" not in rules
    unknown = client.get(url, {"kind": "nonsense", "status": "x"})
    assert unknown.status_code == 200
    assert "Правилник на Общинския съвет" in unknown.content.decode()


def test_regulation_page_shows_number_date_status_and_summary(client):
    RegulationFactory(
        title="Решение за таксата за битови отпадъци",
        slug="taksa",
        kind=Regulation.Kind.DECISION,
        number="1215",
        adopted_on=date(2024, 12, 19),
        summary="Размерът на таксата за следващата година.",
    )
    page = client.get(reverse("infodesk:regulation", kwargs={"slug": "taksa"})).content.decode()
    for text in ["1215", "19.12.2024", "в сила", "решение на общинския съвет", "Размерът на"]:
        assert text in page


def test_unit_page_shows_functions_contacts_and_services(service, client):
    page = client.get(reverse("infodesk:unit", kwargs={"slug": "apo"})).content.decode()
    for text in [
        "Гражданска регистрация и административно обслужване.",
        "Мария Иванова",
        "ул. „Македония“ № 36",
        "0722 6 61 01",
        "apo@samokov.bg",
        "понеделник – петък, 8:00 – 17:30",
        service.name,
    ]:
        assert text in page


def test_units_list_shows_active_units_only(unit, client):
    UnitFactory(name="Закрит отдел", slug="zakrit", is_active=False)
    page = client.get(reverse("infodesk:units")).content.decode()
    assert unit.name in page
    assert "Закрит отдел" not in page
    assert client.get(reverse("infodesk:unit", kwargs={"slug": "zakrit"})).status_code == 404


def test_theme_page_lists_its_services_and_regulations(service, birth, client):
    RegulationFactory(title="Наредба за гражданската регистрация", themes=[birth])
    RegulationFactory(title="Наредба за рекламата")
    page = client.get(reverse("infodesk:theme", kwargs={"slug": "razhdane"})).content.decode()
    assert service.name in page
    assert "Наредба за гражданската регистрация" in page
    assert "Наредба за рекламата" not in page


def test_unknown_theme_is_404(client):
    assert client.get(reverse("infodesk:theme", kwargs={"slug": "nyama"})).status_code == 404
