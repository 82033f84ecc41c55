"""The production stack of deploy/ on loopback, through nginx's TLS server block:
two app servers behind one nginx share sessions, bookings and rate limits; nginx
compresses, serves the static files, refuses oversized bodies with the site's page;
the worker's e-mail reaches the SMTP server."""

import re
import time
import uuid

import pytest

from .client import StackClient

pytestmark = pytest.mark.stack

PASSWORD = "Stack-test-password-1"

CREATE_CITIZENS = """
from allauth.account.models import EmailAddress
from obshtina.accounts.models import User
for email in {emails!r}:
    user = User.objects.create_user(email=email, password={password!r},
                                    first_name="Иван", last_name="Стеков")
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
"""


@pytest.fixture(scope="session")
def citizens(stack):
    emails = [f"stack-{uuid.uuid4().hex[:8]}-{n}@example.bg" for n in range(3)]
    stack.manage("shell", "-c", CREATE_CITIZENS.format(emails=emails, password=PASSWORD))
    return emails


def token_client(stack, email) -> StackClient:
    client = StackClient(stack)
    response = client.post(
        "/api/v1/auth/token", json_body={"email": email, "password": PASSWORD, "name": "stack"}
    )
    assert response.status == 201, response.text
    client.token = response.json()["token"]
    return client


def category_id(stack) -> int:
    return StackClient(stack).get("/api/v1/categories").json()["items"][0]["id"]


def report(client, category, **fields):
    data = {
        "category": category,
        "description": "Счупена пейка в парка",
        "lat": "42.3370",  # Samokov
        "lng": "23.5528",
        **fields,
    }
    return client.post("/api/v1/reports", data=data)


def test_health_endpoint_answers_through_nginx(stack):
    response = StackClient(stack).get("/healthz")
    assert response.status == 200
    assert response.text == "ok"
    assert response.upstream in stack.app_addresses


def test_a_citizen_signed_in_on_one_app_server_is_signed_in_on_the_other(stack, citizens):
    client = StackClient(stack)
    client.get("/accounts/login/")
    signed_in = client.post(
        "/accounts/login/",
        data={
            "login": citizens[0],
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
        },
    )
    assert signed_in.status == 302, signed_in.text
    answers = [client.get("/api/v1/me") for _ in range(6)]
    assert [answer.status for answer in answers] == [200] * 6
    assert {answer.json()["email"] for answer in answers} == {citizens[0]}
    # nginx's round robin: both app servers answered, and both knew the session.
    assert {answer.upstream for answer in answers} == set(stack.app_addresses)


def test_a_slot_booked_through_one_app_server_is_refused_through_the_other(stack, citizens):
    first, second = token_client(stack, citizens[1]), token_client(stack, citizens[2])
    groups = StackClient(stack).get("/api/v1/reception/groups").json()["items"]
    schedule = groups[0]["schedules"][0]
    slots = StackClient(stack).get(f"/api/v1/reception/schedules/{schedule['slug']}/slots")
    start = slots.json()["slots"][0]["start"]
    booking = {"schedule": schedule["slug"], "start": start, "topic": "Данъчна оценка"}

    def book(client):
        return client.post(
            "/api/v1/appointments",
            json_body=booking,
            headers={"Authorization": f"Bearer {client.token}"},
        )

    booked = book(first)
    assert booked.status == 201, booked.text
    refused = None
    for _ in range(6):  # round robin: the next answers come from the other server
        refused = book(second)
        if refused.upstream != booked.upstream:
            break
    assert refused.upstream != booked.upstream
    assert refused.status == 409
    assert refused.json()["code"] == "slot_taken"


def test_clients_on_different_addresses_have_separate_limits_and_a_forged_header_gains_nothing(
    stack,
):
    category = category_id(stack)
    two, three = StackClient(stack, "127.0.0.2"), StackClient(stack, "127.0.0.3")
    first = [report(two, category) for _ in range(3)]
    assert [answer.status for answer in first] == [201, 201, 201], first[0].text  # 3/10m
    assert report(two, category).status == 429
    forged = two.post(
        "/api/v1/reports",
        data={
            "category": category,
            "description": "Пак аз: счупена пейка в парка",
            "lat": "42.337",
            "lng": "23.5528",
        },
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert forged.status == 429
    assert forged.json()["code"] == "rate_limited"
    # Another address, the same two app servers and Redis: its own limit.
    assert report(three, category).status == 201


def static_urls(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_answers_are_compressed(stack, encoding):
    if encoding == "br" and not stack.brotli:
        pytest.skip("nginx's brotli modules are not installed (libnginx-mod-http-brotli-*)")
    client = StackClient(stack)
    home = client.get("/")
    urls = {
        "page": "/",
        "JSON API": "/api/v1/categories",
        "Open311 XML": "/open311/v2/services.xml",
        "GeoJSON": "/reports/open-data/reports.geojson",
        "CSV": "/reports/open-data/reports.csv",
        "map data": "/reports/map/data/?bbox=41.9,22.0,42.9,24.0&zoom=12",
    }
    for kind in ("css", "js"):
        urls[kind] = next(url for url in static_urls(home.text) if url.endswith(f".{kind}"))
    for kind, url in urls.items():
        response = client.get(url, headers={"Accept-Encoding": encoding})
        assert response.status == 200, (kind, url, response.status)
        assert response.header("Content-Encoding") == encoding, (kind, url)
        assert "Accept-Encoding" in response.header("Vary"), (kind, url)
        assert len(response.raw) < len(response.body), (kind, url)
        plain = client.get(url)
        if kind not in ("page", "map data"):
            assert response.body == plain.body, (kind, url)


def test_static_files_come_from_nginx_with_hashed_names_cached_for_a_year(stack):
    client = StackClient(stack)
    urls = static_urls(client.get("/").text)
    assert urls
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200
        assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
        assert response.upstream == ""  # no app server was asked
        # The copy collectstatic compressed ahead, as it is (gzip_static).
        on_disk = stack.directory / "srv" / url.lstrip("/")
        assert response.raw == on_disk.with_name(on_disk.name + ".gz").read_bytes()
        if stack.brotli:
            response = client.get(url, headers={"Accept-Encoding": "br"})
            assert response.raw == on_disk.with_name(on_disk.name + ".br").read_bytes()
    for name in ("gunicorn-1", "gunicorn-2"):
        assert "/static/" not in stack.log(name)


def test_an_oversized_upload_gets_the_site_page_and_json_under_the_api(stack):
    client = StackClient(stack)
    too_big = {"Content-Length": str(200 * 1024 * 1024), "Content-Type": "multipart/form-data"}
    page = client.post("/reports/new/", body=b"", headers=too_big)
    assert page.status == 413
    assert page.header("Content-Type").startswith("text/html")
    assert "Изпратените файлове са твърде големи" in page.text
    api = client.post("/api/v1/reports", body=b"", headers=too_big)
    assert api.status == 413
    assert api.json()["code"] == "too_large"


def test_the_worker_mails_the_confirmation_of_a_report_to_the_smtp_server(stack, mailbox):
    client = StackClient(stack, "127.0.0.4")
    address = f"stack-{uuid.uuid4().hex[:8]}@example.bg"
    response = report(client, category_id(stack), email=address, name="Мария Стекова")
    assert response.status == 201, response.text
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(address in envelope.rcpt_tos for envelope in mailbox.envelopes):
            break
        time.sleep(0.2)
    assert any(address in envelope.rcpt_tos for envelope in mailbox.envelopes), stack.log("worker")


def test_plain_http_is_sent_to_https(stack):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", stack.ports.http, timeout=10)
    connection.request("GET", "/reports/map/")
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"].startswith("https://127.0.0.1")


def test_nginx_offers_http2_over_tls(stack):
    import socket
    import ssl

    context = ssl.create_default_context(cafile=str(stack.certificate))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", stack.ports.https), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
