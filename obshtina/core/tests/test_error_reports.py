"""Error reports reach a Sentry-compatible server, and carry nothing personal.

The server is real: an HTTP server on loopback that takes envelopes as Sentry's
ingestion endpoint does (POST /api/<project>/envelope/), the DSN pointing to it. The
site answers through Django's WSGI handler on loopback too, as under gunicorn (the
SDK reads the request where the WSGI server hands it over).
"""

import gzip
import json
import os
import queue
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.error_reports import start_error_reports

BASE_DIR = Path(__file__).resolve().parents[3]
PORTS = range(8310, 8320)  # this project's helper "ops" range


def _bound(make):
    for port in PORTS:
        try:
            return make(port)
        except OSError:
            continue
    raise RuntimeError("no free port in 8310-8319")


def _decoded(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return body


@pytest.fixture
def ingestion():
    """(port, queue of (path, envelope text)) of a loopback Sentry endpoint."""
    received = queue.Queue()

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.put((self.path, _decoded(body, self.headers.get("Content-Encoding", ""))))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = _bound(lambda port: ThreadingHTTPServer(("127.0.0.1", port), Endpoint))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


@pytest.fixture
def reporting(ingestion):
    port, received = ingestion
    start_error_reports(
        f"http://0123456789abcdef@127.0.0.1:{port}/7", environment="test", release="obshtina@1"
    )
    yield received
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: off again for the other tests


def events(envelope: bytes) -> list[dict]:
    """The event items of an envelope (lines: header, then item header and payload)."""
    lines = envelope.decode().split("\n")
    found = []
    for header, payload in zip(lines[1::2], lines[2::2], strict=False):
        if json.loads(header).get("type") == "event":
            found.append(json.loads(payload))
    return found


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings, transactional_db):
    """The address of the site with one failing view, served by Django's WSGI handler."""
    settings.ROOT_URLCONF = "obshtina.core.tests.failing_urls"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    server = _bound(
        lambda port: make_server("127.0.0.1", port, WSGIHandler(), handler_class=_Quiet)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_failing_view_is_reported_without_personal_data(site, reporting):
    user = UserFactory(first_name="Мариела", last_name="Костадинова", email="mariela@example.bg")
    browser = Client()
    browser.force_login(user)
    session = browser.cookies["sessionid"].value
    form = {"email": "typed.mariela@example.bg", "name": "Мариела Костадинова", "phone": "088812"}
    request = urllib.request.Request(
        f"{site}/failing/secret-path-token-42/?email=query.mariela@example.bg&token=secret-123",
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Cookie": f"sessionid={session}",
            "Referer": f"{site}/reports/new/?email=query.mariela@example.bg",
            "X-Forwarded-For": "198.51.100.23",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(request, timeout=20)
    assert failed.value.code == 500
    sentry_sdk.flush(timeout=10)

    path, envelope = reporting.get(timeout=10)
    assert path == "/api/7/envelope/"
    [event] = events(envelope)
    text = envelope.decode()
    for personal in (
        "mariela",
        "Мариела",
        "Костадинова",
        "088812",
        "198.51.100.23",
        "secret-123",
        "secret-path-token-42",
        session,
    ):
        assert personal not in text
    assert event["exception"]["values"][-1]["value"] == "the view failed"
    assert event["environment"] == "test" and event["release"] == "obshtina@1"
    assert event["request"]["url"] == f"{site}/failing/{{token}}/"
    assert event["request"]["method"] == "POST"
    assert event["tags"]["request_id"] == failed.value.headers["X-Request-ID"]
    assert event.get("user", {}) in ({}, {"id": str(user.pk)})


def _sentry_active(environment) -> str:
    command = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", command],
        cwd=BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()[-1]


def test_reports_start_only_with_a_dsn():
    without = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
    assert _sentry_active(without) == "False"
    dsn = "http://0123456789abcdef@127.0.0.1:8319/7"  # nothing is sent: no error happens
    assert _sentry_active({**without, "SENTRY_DSN": dsn}) == "True"
