"""Pages of the installable app: offline, "my reports on this device", a fresh CSRF token."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_offline_page_says_what_still_works_and_gives_the_phone_number(client):
    response = client.get("/offline/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Няма връзка с интернет" in html
    assert 'href="/reports/new/"' in html
    assert 'href="/my-device/"' in html
    assert 'href="tel:070020117"' in html


def test_the_device_list_page_is_a_shell_the_script_fills(client):
    response = client.get("/my-device/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Моите сигнали на това устройство" in html
    assert 'id="device-items"' in html
    assert "core/pwa/my-device.js" in html
    assert "Забравете ги на това устройство" in html


def test_every_page_links_to_the_device_list(client):
    assert 'href="/my-device/"' in client.get("/track/").content.decode()


def test_the_token_endpoint_gives_a_fresh_token_and_its_cookie(client):
    response = client.get("/csrf/")

    assert response.status_code == 200
    assert len(response.json()["token"]) == 64
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]
