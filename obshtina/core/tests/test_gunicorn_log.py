"""gunicorn as deployed (deploy/gunicorn.conf.py): every line it and the app write is
JSON, one per request from the app and none from gunicorn's access log."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[3]
PORT = 8341  # in this project's helper "ops" range


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # the worker loads Django first
            return response
    except urllib.error.HTTPError as error:
        return error


@pytest.mark.django_db(transaction=True)
def test_gunicorn_writes_json_lines_and_the_app_one_per_request():
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "gunicorn-log-test-" + "x" * 50,
        "SITE_URL": "https://e.example.bg",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "1",
    }
    environment.pop("LOG_FORMAT", None)  # the production default
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                response = get(f"http://127.0.0.1:{PORT}/healthz?who=mariela@example.bg")
                break
            except urllib.error.URLError:
                time.sleep(0.2)
        assert response.status == 200
        request_id = response.headers["X-Request-ID"]
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    lines = [json.loads(line) for line in (out + err).splitlines() if line.strip()]
    loggers = {line["logger"] for line in lines}
    assert "gunicorn.error" in loggers and "gunicorn.access" not in loggers
    [request] = [line for line in lines if line["logger"] == "obshtina.request"]
    assert request["request_id"] == request_id
    assert (request["path"], request["status"]) == ("/healthz", 200)
    assert "mariela" not in out + err
