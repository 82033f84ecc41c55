"""Each municipality on its own address: the host of a request decides which one it is
for, and a host that leads to none gets a page that says so."""

import pytest

from obshtina.organization.hosts import host_name
from obshtina.organization.models import MunicipalityHost

pytestmark = pytest.mark.django_db


def page(client, host: str, path: str = "/"):
    return client.get(path, HTTP_HOST=host)


def test_one_municipality_is_served_on_every_allowed_host(client, samokov, settings):
    settings.ALLOWED_HOSTS = [".localhost", "e.samokov.bg", "127.0.0.1"]
    for host in ("e.samokov.bg", "anything.localhost", "127.0.0.1"):
        response = page(client, host)
        assert response.status_code == 200, host
        assert "Община Самоков" in response.text


def test_each_municipality_is_served_on_its_own_address(client, samokov, kostenets):
    assert "Община Костенец" in page(client, "kostenets.localhost").text
    assert "07142 23 00" in page(client, "kostenets.localhost:8000").text
    samokov_page = page(client, "samokov.localhost").text
    assert "Община Самоков" in samokov_page and "Костенец" not in samokov_page
    # The addresses a newcomer uses today stay the first municipality's.
    assert "Община Самоков" in page(client, "127.0.0.1:8000").text
    assert "Община Самоков" in page(client, "localhost").text


def test_a_host_of_its_own_leads_to_the_municipality(client, samokov, kostenets, settings):
    settings.ALLOWED_HOSTS = [".localhost", ".kostenets.bg"]
    MunicipalityHost.objects.create(municipality=kostenets, host="E.Kostenets.bg")
    assert "Община Костенец" in page(client, "e.kostenets.bg").text


def test_a_host_that_leads_to_no_municipality_says_so_and_shows_none(client, samokov, kostenets):
    response = page(client, "nowhere.localhost")
    assert response.status_code == 404
    assert "Няма община на този адрес" in response.text
    assert "Самоков" not in response.text and "Костенец" not in response.text
    assert "no-store" in response["Cache-Control"]
    assert page(client, "nowhere.localhost").status_code == 404  # the same, kept


def test_the_installable_app_is_the_municipalitys_of_the_host(client, samokov, kostenets):
    manifest = page(client, "kostenets.localhost", "/manifest.webmanifest").json()
    assert "Костенец" in manifest["name"]


def test_a_host_given_to_another_municipality_leads_there_at_once(client, samokov, kostenets):
    settings_host = "portal.localhost"
    own = MunicipalityHost.objects.create(municipality=samokov, host=settings_host)
    assert "Община Самоков" in page(client, settings_host).text
    own.municipality = kostenets
    own.save()
    assert "Община Костенец" in page(client, settings_host).text


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("Samokov.Localhost:8000", "samokov.localhost"),
        ("[::1]:8000", "[::1]"),
        ("[::1]", "[::1]"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_host_names_lose_their_port_and_case(given, name):
    assert host_name(given) == name
