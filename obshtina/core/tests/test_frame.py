import pytest

pytestmark = pytest.mark.django_db


def test_home_page_shows_municipality_and_contact_centre_phone(client):
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="bg">' in content
    assert "Община Самоков" in content
    assert "0700 20 117" in content


@pytest.mark.parametrize(
    "label",
    ["Подай сигнал", "Проследи", "Карта", "Информация", "Приемно време", "Вход", "Регистрация"],
)
def test_navigation_links_to_every_section(client, label):
    assert label in client.get("/").content.decode()


def test_site_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Report a problem" in content


def test_municipality_name_comes_from_settings_in_the_admin(client):
    from obshtina.organization.selectors import current_municipality

    municipality = current_municipality()
    municipality.name = "Община Рила"
    municipality.save()
    assert "Община Рила" in client.get("/").content.decode()


def test_health_check_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_site_stays_in_bulgarian_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="bg">' in response.content.decode()
