"""The service worker: served from the site root, precaching only public pages and
static files, with a cache name that changes when they do."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from obshtina.core import pwa

pytestmark = pytest.mark.django_db

PRIVATE_PREFIXES = ("/profile/", "/staff/", "/reception/staff/", "/documents/", "/accounts/")


def worker_config(client) -> dict:
    body = client.get("/sw.js").content.decode()
    return json.loads(re.search(r"self\.PWA = (\{.*\});", body).group(1))


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "importScripts(" in response.content.decode()


def test_the_offline_shell_has_the_offline_page_the_form_and_the_map_library(client):
    config = worker_config(client)

    assert config["offlinePage"] == "/offline/"
    assert {"/offline/", "/", "/reports/new/", "/track/", "/my-device/"} == set(config["pages"])
    assert "/static/vendor/leaflet/leaflet.js" in config["static"]
    assert "/static/core/pwa/icon-192.png" in config["static"]


def test_no_private_page_is_ever_precached(client):
    config = worker_config(client)

    for path in config["pages"]:
        assert not path.startswith(PRIVATE_PREFIXES), path


def test_every_precached_static_file_exists():
    for path in (*pwa.SHELL_STATIC, *pwa.SERVICE_WORKER_SCRIPTS):
        assert finders.find(path), path


def test_the_cache_name_changes_when_what_is_precached_changes(monkeypatch):
    pwa._precache_version.cache_clear()
    before = pwa.precache_version()
    monkeypatch.setattr(pwa, "SHELL_STATIC", (*pwa.SHELL_STATIC, "reports/map.js"))
    pwa._precache_version.cache_clear()

    after = pwa.precache_version()

    pwa._precache_version.cache_clear()
    assert re.fullmatch(r"[0-9a-f]{16}", before)
    assert after != before


def test_the_worker_never_caches_posts_or_pages_outside_the_shell():
    with open(finders.find("core/pwa/service-worker.js"), encoding="utf-8") as script:
        code = script.read()

    assert 'if (request.method !== "GET") return;' in code
    assert "isShellPage(url.pathname)" in code
    assert 'credentials: "omit"' in code
