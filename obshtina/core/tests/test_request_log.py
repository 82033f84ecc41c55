"""The request log: one JSON line per request with the id the response carries,
and nothing personal in any line."""

import pytest
from django.urls import reverse

from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def request_lines(lines):
    return [line for line in lines if line["logger"] == "obshtina.request"]


def test_a_request_is_one_json_line_with_the_id_of_the_response(client, json_log):
    response = client.get("/reports/?page=2&email=someone@example.bg")
    text, lines = json_log()
    [line] = request_lines(lines)
    assert len(response["X-Request-ID"]) == 32
    assert line["request_id"] == response["X-Request-ID"]
    assert line["method"] == "GET"
    assert line["path"] == "/reports/"
    assert line["status"] == response.status_code
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert "someone@example.bg" not in text and "page=2" not in text


def test_each_request_has_its_own_id(client, json_log):
    first, second = client.get("/"), client.get("/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_an_id_sent_by_a_client_is_not_believed(client, settings, json_log):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = client.get("/", HTTP_X_REQUEST_ID="forged-request-id-0001")
    assert response["X-Request-ID"] != "forged-request-id-0001"
    text, lines = json_log()
    assert "forged-request-id-0001" not in text
    assert request_lines(lines)[0]["request_id"] == response["X-Request-ID"]


def test_the_trusted_proxy_s_id_is_kept(client, settings, json_log):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    nginx_id = "0f3c5d2a9b8e7f6a5b4c3d2e1f0a9b8c"
    response = client.get("/", HTTP_X_REQUEST_ID=nginx_id, REMOTE_ADDR="10.0.0.1")
    assert response["X-Request-ID"] == nginx_id
    _, lines = json_log()
    assert request_lines(lines)[0]["request_id"] == nginx_id


def test_a_proxy_s_id_that_is_not_an_id_is_replaced(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = client.get("/", HTTP_X_REQUEST_ID='x" injected=1', REMOTE_ADDR="10.0.0.1")
    assert response["X-Request-ID"] != 'x" injected=1'


REPORT = {
    "description": "Дълбока дупка пред училището",
    "latitude": "42.3371",
    "longitude": "23.5530",
    "address": "ул. Търговска 14",
    "name": "Мариела Костадинова",
    "email": "mariela.kostadinova@example.bg",
    "phone": "0888 123 456",
}


@pytest.mark.django_db(transaction=True)  # jobs enqueued when the view commits, as in production
def test_a_job_s_lines_carry_its_id_and_the_request_names_the_job(client, json_log):
    response = client.post(reverse("reports:submit"), {"category": CategoryFactory().pk, **REPORT})
    assert response.status_code == 302
    _, lines = json_log()
    enqueued = [line for line in lines if line["logger"] == "obshtina.tasks"]
    assert enqueued and all(line["request_id"] == response["X-Request-ID"] for line in enqueued)
    job_ids = {f"task-{line['task_id']}" for line in enqueued}
    sent = [line for line in lines if line["message"].endswith(" sent")]  # the e-mail job
    assert sent and all(line["request_id"] in job_ids for line in sent)
    assert request_lines(lines)[0]["request_id"] == response["X-Request-ID"]  # back after the job


def test_a_report_with_personal_data_leaves_none_in_the_log(
    client,
    json_log,
    django_capture_on_commit_callbacks,
):
    category = CategoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:submit"),
            {"category": category.pk, **REPORT},
            REMOTE_ADDR="198.51.100.23",
        )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.submitter_email == "mariela.kostadinova@example.bg"  # the form took it
    client.get(response["Location"])  # the confirmation page, at its secret address
    text, lines = json_log()
    assert [line["status"] for line in request_lines(lines)] == [302, 200]
    assert request_lines(lines)[1]["path"] == "/reports/submitted/{token}/"
    for secret in (
        "Мариела",
        "Костадинова",
        "mariela.kostadinova",
        "0888 123",  # as typed (digits alone also turn up in a timestamp's microseconds)
        "888123456",  # as stored (+359888123456)
        "123 456",
        "198.51.100.23",
        "Търговска",
        report.access_token,
    ):
        assert secret not in text


def test_django_s_error_line_has_no_token_of_a_secret_link(client, settings, json_log):
    settings.ROOT_URLCONF = "obshtina.core.tests.failing_urls"
    client.raise_request_exception = False
    assert client.get("/failing/secret-path-token-42/").status_code == 500
    text, lines = json_log()
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["message"] == "Internal Server Error: /failing/{token}/"
    assert "RuntimeError: the view failed" in error["exc_info"]
    assert request_lines(lines)[0]["path"] == "/failing/{token}/"
    assert "secret-path-token-42" not in text
