"""``load_demo_data`` fills the knowledge base once and never overwrites an editor's work."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from obshtina.infodesk.models import Regulation, Service, ServiceForm, Theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("as_first_municipality")]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_every_theme_gets_services_routed_to_units():
    load()
    assert Theme.objects.count() == 9
    assert set(Theme.objects.values_list("kind", flat=True)) == set(Theme.Kind.values)
    for theme in Theme.objects.all():
        assert theme.services.exists(), theme.name
    assert Service.objects.count() >= 15
    assert not Service.objects.filter(unit=None).exists()
    assert not Service.objects.filter(search_text="").exists()
    assert Regulation.objects.count() >= 8
    assert not Regulation.objects.filter(search_text="").exists()
    assert Regulation.objects.filter(status=Regulation.Status.REPEALED).exists()


def test_loading_twice_creates_nothing_new():
    load()
    counts = (Theme.objects.count(), Service.objects.count(), Regulation.objects.count())
    forms = ServiceForm.objects.count()
    load()
    assert (Theme.objects.count(), Service.objects.count(), Regulation.objects.count()) == counts
    assert ServiceForm.objects.count() == forms


def test_an_editors_change_survives_a_reload():
    load()
    service = Service.objects.get(slug="adresna-registratsiya-postoyanen-adres")
    service.fees = "Променено от редактор."
    service.save()
    Regulation.objects.get(slug="naredba-obshtestven-red").delete()
    load()
    service.refresh_from_db()
    assert service.fees == "Променено от редактор."
    assert Regulation.objects.filter(slug="naredba-obshtestven-red").exists()


def test_demo_service_page_and_downloadable_form_work(client):
    load()
    response = client.get(
        reverse("infodesk:service", kwargs={"slug": "adresna-registratsiya-postoyanen-adres"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Дирекция „Административно-правно обслужване“" in page
    assert "Адресна карта за постоянен адрес" in page


@pytest.mark.parametrize("query", ["адресни регистрации", "адресна регистация"])
def test_demo_address_registration_is_found_by_search(client, query):
    load()
    page = client.get(reverse("infodesk:search"), {"q": query}).content.decode()
    assert "Адресна регистрация по постоянен адрес" in page
    assert "Адресна регистрация по настоящ адрес" in page


def test_the_demo_gives_the_question_form_topics_routed_to_units():
    from django.core.management import call_command

    from obshtina.infodesk.models import QuestionTopic

    call_command("load_demo_data", verbosity=0)
    taxes = QuestionTopic.objects.get(name="Местни данъци и такси")
    assert taxes.unit.slug == "mestni-danatsi-i-taksi"
    assert QuestionTopic.objects.get(name="Друго").unit is None


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("куче", "registratsiya-na-kuche"),
        ("регистрация на куче", "registratsiya-na-kuche"),
        ("виза за проектиране", "viza-za-proektirane"),
        ("детска градина", "priem-v-detska-gradina-i-yasla"),
        ("ясла", "priem-v-detska-gradina-i-yasla"),
        ("декларация за данък сгради", "deklaratsiya-za-nedvizhim-imot"),
        ("данък кола", "danak-prevozni-sredstva"),
        ("такса смет", "osvobozhdavane-ot-taksa-bitovi-otpadatsi"),
        ("отсичане на дърво", "razreshenie-za-otsichane-na-darveta"),
    ],
)
def test_the_services_people_ask_for_most_come_first(client, query, slug):
    load()
    page = client.get(reverse("infodesk:search"), {"q": query}).content.decode()
    first_hit = page.index('class="info-result ')
    service = Service.objects.get(slug=slug)
    assert page.find(service.get_absolute_url(), first_hit) < page.find("</li>", first_hit)
