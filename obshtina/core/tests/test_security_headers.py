"""Browser security headers: a strict Content-Security-Policy and a Permissions-Policy."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

pytestmark = pytest.mark.django_db

PAGES = ["/", "/reports/new/", "/reports/map/", "/accounts/login/", "/api/v1/docs", "/sw.js"]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_policy(client, path):
    directives = policy(client.get(path))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]


def test_nothing_inline_or_evaluated_is_allowed(client):
    header = client.get("/reports/map/")["Content-Security-Policy"]
    for keyword in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"):
        assert keyword not in header.split()


def test_the_map_tiles_come_from_the_configured_server(client):
    assert policy(client.get("/reports/map/"))["img-src"] == [
        "'self'",
        "data:",
        "blob:",
        "https://tile.openstreetmap.org",
    ]


def test_a_changed_tile_server_changes_the_policy(client, settings):
    settings.MAP_TILE_URL = "https://maps.samokov.bg:8443/tiles/{z}/{x}/{y}.png"
    img_src = policy(client.get("/reports/map/"))["img-src"]
    assert "https://maps.samokov.bg:8443" in img_src
    assert "https://tile.openstreetmap.org" not in img_src


def test_a_subdomain_template_allows_each_subdomain_leaflet_uses(client, settings):
    settings.MAP_TILE_URL = "https://{s}.tile.example.bg/{z}/{x}/{y}.png"
    img_src = policy(client.get("/reports/map/"))["img-src"]
    assert img_src[-3:] == [
        "https://a.tile.example.bg",
        "https://b.tile.example.bg",
        "https://c.tile.example.bg",
    ]
    assert not any("{" in source for source in img_src)


def test_tiles_served_by_the_site_itself_need_no_other_origin(client, settings):
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    assert policy(client.get("/reports/map/"))["img-src"] == ["'self'", "data:", "blob:"]


def test_credentials_in_the_tile_url_never_reach_the_header(client, settings):
    settings.MAP_TILE_URL = "https://user:secret@tiles.example.bg/{z}/{x}/{y}.png"
    header = client.get("/reports/map/")["Content-Security-Policy"]
    assert "secret" not in header
    assert "https://tiles.example.bg" in policy(client.get("/reports/map/"))["img-src"]


@pytest.mark.parametrize("url", ["tile.openstreetmap.org/{z}/{x}/{y}.png", "ftp://tiles.bg/{z}"])
def test_a_tile_url_that_is_no_address_is_refused_at_start(settings, url):
    settings.MAP_TILE_URL = url
    with pytest.raises(SystemCheckError, match=r"obshtina\.E002"):
        call_command("check")


@pytest.mark.parametrize("path", ["/", "/reports/new/", "/static/core/site.css", "/no-such-page/"])
def test_location_and_camera_are_for_the_site_itself_only(client, path):
    features = dict(
        feature.strip().split("=", 1)
        for feature in client.get(path)["Permissions-Policy"].split(",")
    )
    assert features["geolocation"] == "(self)"
    assert features["camera"] == "(self)"
    assert features["microphone"] == "()"
    assert features["payment"] == "()"
    assert features["usb"] == "()"


def test_windows_opened_from_the_site_get_no_handle_on_it(client):
    assert client.get("/")["Cross-Origin-Opener-Policy"] == "same-origin"
