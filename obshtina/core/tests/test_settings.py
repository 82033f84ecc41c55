import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[3]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "kT9#vQ2$mZ8@pL4^wR6&yN1*bX3(cF5)hJ7_dG0+sA-eU.rW2!oP7",
    "ALLOWED_HOSTS": "e.samokov.bg",
    "SITE_URL": "https://e.samokov.bg",
    "TRUSTED_PROXIES": "127.0.0.1,::1",
}


def deploy_check(**env):
    return run_manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, **env})


def test_production_settings_pass_the_deployment_check():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "site_url", ["", "http://127.0.0.1:8000", "https://localhost", "http://e.samokov.bg"]
)
def test_the_deployment_check_fails_without_a_public_https_site_address(site_url):
    result = run_manage("check", "--deploy", **{**PRODUCTION, "SITE_URL": site_url})
    assert result.returncode != 0
    assert "obshtina.E001" in result.stderr


def test_the_deployment_check_warns_when_no_proxy_is_trusted():
    result = deploy_check(TRUSTED_PROXIES="")
    assert result.returncode != 0
    assert "obshtina.W001" in result.stderr + result.stdout


def test_an_app_without_a_proxy_may_silence_the_proxy_warning():
    result = deploy_check(TRUSTED_PROXIES="", SILENCED_SYSTEM_CHECKS="obshtina.W001")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_time_zone_and_languages():
    assert settings.TIME_ZONE == "Europe/Sofia"
    assert settings.LANGUAGE_CODE == "bg"
    assert [code for code, _ in settings.LANGUAGES] == ["bg", "en"]


def test_sqlite_default_writes_concurrently_with_the_worker():
    from config import settings as base

    if base.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    options = base.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_production_static_files_collect_with_hashed_names(tmp_path):
    """The deployment step `collectstatic` works with the production storage, vendor
    packages' source-map comments included, and the app's pages find their files."""
    result = run_manage(
        "collectstatic",
        "--noinput",
        DEBUG="false",
        SECRET_KEY="kT9#vQ2$mZ8@pL4^wR6&yN1*bX3(cF5)hJ7_dG0+sA-eU.rW2!oP7",
        ALLOWED_HOSTS="e.samokov.bg",
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "core/site.css" in manifest and "vendor/leaflet/leaflet.js" in manifest
