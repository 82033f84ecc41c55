"""The site installs on a phone: a Bulgarian web app manifest, icons, the head tags."""

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from obshtina.organization.selectors import current_municipality

pytestmark = pytest.mark.django_db


def test_the_manifest_is_served_as_a_web_app_manifest_in_bulgarian(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["lang"] == "bg"
    assert manifest["name"] == "Община Самоков – електронни услуги"
    assert manifest["short_name"] == "Самоков"
    assert manifest["start_url"] == "/?source=pwa"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b4f8a"
    assert manifest["background_color"] == "#ffffff"
    assert manifest["shortcuts"] == [
        {
            "name": "Подай сигнал",
            "url": "/reports/new/",
            "icons": manifest["shortcuts"][0]["icons"],
        },
        {"name": "Проследи", "url": "/track/", "icons": manifest["shortcuts"][1]["icons"]},
    ]


def test_the_manifest_names_the_municipality_of_the_deployment(client):
    municipality = current_municipality()
    municipality.name = "Община Рила"
    municipality.save()

    manifest = client.get("/manifest.webmanifest").json()

    assert manifest["name"] == "Община Рила – електронни услуги"
    assert manifest["short_name"] == "Рила"


def test_the_manifest_stays_bulgarian_for_a_visitor_who_chose_english(client):
    client.cookies["django_language"] = "en"

    assert client.get("/manifest.webmanifest").json()["shortcuts"][0]["name"] == "Подай сигнал"


@pytest.mark.parametrize(
    ("src", "size", "purpose"),
    [
        ("/static/core/pwa/icon-192.png", 192, "any"),
        ("/static/core/pwa/icon-512.png", 512, "any"),
        ("/static/core/pwa/icon-maskable-512.png", 512, "maskable"),
    ],
)
def test_the_manifest_icons_exist_in_their_sizes(client, src, size, purpose):
    icons = client.get("/manifest.webmanifest").json()["icons"]

    assert {"src": src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose} in icons
    with Image.open(finders.find(src.removeprefix("/static/"))) as image:
        assert image.size == (size, size)


def test_every_page_links_the_manifest_and_the_home_screen_icon(client):
    html = client.get("/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0b4f8a">' in html
    assert '<link rel="apple-touch-icon" href="/static/core/pwa/apple-touch-icon.png">' in html
    assert '<meta name="apple-mobile-web-app-capable" content="yes">' in html
    assert "core/pwa/app.js" in html
    with Image.open(finders.find("core/pwa/apple-touch-icon.png")) as image:
        assert image.size == (180, 180)
