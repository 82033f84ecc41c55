"""GET requests: the public reports, each with the spec's fields and nothing more."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from obshtina.organization.models import Settlement
from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_change_status, report_photo_hide
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of
from obshtina.reports.tests.submit_photos import jpeg_bytes

from .open311_helpers import FORMATS, REQUEST_ELEMENTS, get, read

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def requests_of(client, fmt="json", **params) -> list[dict]:
    response = get(client, "requests", fmt, **params)
    assert response.status_code == 200
    return read(response, "service_requests")


def numbers(client, **params) -> list[str]:
    return [request["service_request_id"] for request in requests_of(client, **params)]


def close(report: Report, *, status=Report.Status.RESOLVED, **kwargs) -> Report:
    return report_change_status(
        report=report, actor=officer_of(report.unit), status=status, **kwargs
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_open_report_has_the_spec_fields(client, fmt):
    unit = UnitFactory(name="Отдел „Пътища“")
    category = CategoryFactory(name="Дупки", slug="dupki", unit=unit)
    village = Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)
    report = submit_report(
        category=category,
        description="Дупка пред училището",
        latitude=42.33712345,
        longitude=23.55281234,
        address="ул. Търговска 5",
        settlement=village,
    )
    created = timezone.localtime(report.created_at, SOFIA).isoformat(timespec="seconds")
    registered = report.events.get().created_at
    (request,) = requests_of(client, fmt)
    assert request == {
        "service_request_id": report.number,
        "status": "open",
        "service_name": "Дупки",
        "service_code": "dupki",
        "description": "Дупка пред училището",
        "agency_responsible": "Отдел „Пътища“",
        "requested_datetime": created,
        "updated_datetime": timezone.localtime(registered, SOFIA).isoformat(timespec="seconds"),
        "expected_datetime": timezone.localtime(report.due_at, SOFIA).isoformat(timespec="seconds"),
        "address": "ул. Търговска 5, с. Говедарци",
        "lat": "42.33712",
        "long": "23.55281",
    }


def test_datetimes_carry_the_sofia_offset(client):
    submit_report()
    (request,) = requests_of(client)
    assert request["requested_datetime"][-6:] in ("+02:00", "+03:00")


def test_every_element_is_one_the_spec_defines(client):
    submit_report(photos=[jpeg_bytes(gps=False)])
    close(submit_report(), public_message="Поправено.")
    for request in requests_of(client, "xml"):
        assert set(request) <= REQUEST_ELEMENTS


def test_a_closed_report_has_its_latest_public_answer_and_no_deadline(client):
    report = close(submit_report(), public_message="Дупката е запълнена.")
    answered = report.events.latest("created_at").created_at
    (request,) = requests_of(client, "xml")
    assert request["status"] == "closed"
    assert request["status_notes"] == "Дупката е запълнена."
    assert request["updated_datetime"] == timezone.localtime(answered).isoformat(timespec="seconds")
    assert "expected_datetime" not in request


def test_a_forwarded_report_says_where_it_went(client):
    close(submit_report(), status=Report.Status.FORWARDED, forwarded_to="ВиК Самоков")
    (request,) = requests_of(client)
    assert request["status"] == "closed"
    assert request["service_notice"] == "Препратен към: ВиК Самоков"


def test_media_url_is_absent_when_there_is_no_photo(client):
    submit_report()
    (request,) = requests_of(client, "xml")
    assert "media_url" not in request
    (request,) = requests_of(client, "json")
    assert "media_url" not in request


def test_media_url_is_the_absolute_address_of_the_first_visible_photo(client, settings):
    settings.SITE_URL = "https://e.samokov.bg"
    report = submit_report(photos=[jpeg_bytes(gps=False), jpeg_bytes(gps=False)])
    first, second = report.photos.all()
    report_photo_hide(photo=first, actor=officer_of(report.unit))
    (request,) = requests_of(client, "xml")
    assert request["media_url"] == "https://e.samokov.bg" + second.image.url


def test_a_hidden_report_is_not_listed(client):
    shown = submit_report()
    hidden = submit_report()
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    assert numbers(client) == [shown.number]
    assert numbers(client, service_request_id=hidden.number) == []


def test_the_newest_reports_come_first(client):
    older, newer = submit_report(), submit_report()
    assert numbers(client) == [newer.number, older.number]


def test_by_default_only_the_last_90_days_are_listed(client):
    recent, old = submit_report(), submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    assert numbers(client) == [recent.number]


def test_at_most_the_spec_limit_of_requests_is_returned_and_the_rest_is_on_the_next_page(
    client, monkeypatch
):
    monkeypatch.setattr("obshtina.api.open311.queries.MAX_REQUESTS", 2)
    oldest = submit_report()
    newer = [submit_report(), submit_report()]
    response = client.get("/open311/v2/requests.json")
    assert [item["service_request_id"] for item in response.json()] == [
        newer[1].number,
        newer[0].number,
    ]
    assert response["X-Result-Count"] == "3"
    next_page = client.get(response["X-Next-Page-URL"])
    assert [item["service_request_id"] for item in next_page.json()] == [oldest.number]


def test_several_service_request_ids_separated_by_commas(client):
    first, _other, third = submit_report(), submit_report(), submit_report()
    listed = numbers(client, service_request_id=f"{first.number},{third.number}")
    assert sorted(listed) == sorted([first.number, third.number])


def test_service_request_id_overrides_the_other_filters(client):
    old = submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert numbers(client, service_request_id=old.number, status="closed") == [old.number]


def test_a_number_typed_with_latin_letters_is_found(client):
    report = submit_report()
    latin = report.number.replace("С", "C")
    assert numbers(client, service_request_id=latin) == [report.number]


def test_filter_by_service_codes(client):
    potholes, lights, trees = (CategoryFactory(slug=slug) for slug in ("dupki", "lampi", "darveta"))
    wanted = [submit_report(category=potholes), submit_report(category=lights)]
    submit_report(category=trees)
    listed = numbers(client, service_code="dupki,lampi")
    assert sorted(listed) == sorted(report.number for report in wanted)


@pytest.mark.parametrize(("status", "expected"), [("open", "open"), ("closed", "closed")])
def test_filter_by_status(client, status, expected):
    open_report = submit_report()
    closed_report = close(submit_report(), public_message="Готово.")
    listed = numbers(client, status=status)
    assert listed == [open_report.number if expected == "open" else closed_report.number]


def test_both_statuses_list_everything(client):
    submit_report()
    close(submit_report(), public_message="Готово.")
    assert len(numbers(client, status="open,closed")) == 2


def test_filter_by_start_and_end_date(client):
    reports = [submit_report() for _day in range(3)]
    for days_ago, report in zip((30, 20, 10), reports, strict=True):
        moment = datetime(2026, 3, 1, 12, tzinfo=SOFIA) - timedelta(days=days_ago)
        Report.objects.filter(pk=report.pk).update(created_at=moment)
    listed = numbers(client, start_date="2026-02-05T00:00:00+02:00", end_date="2026-02-15T00:00Z")
    assert listed == [reports[1].number]


def test_a_start_date_alone_covers_90_days_from_it(client):
    inside, outside = submit_report(), submit_report()
    Report.objects.filter(pk=inside.pk).update(created_at=datetime(2025, 3, 1, tzinfo=SOFIA))
    Report.objects.filter(pk=outside.pk).update(created_at=datetime(2025, 6, 1, tzinfo=SOFIA))
    assert numbers(client, start_date="2025-02-01") == [inside.number]


def test_an_unencoded_plus_of_the_offset_is_understood(client):
    report = submit_report()
    Report.objects.filter(pk=report.pk).update(created_at=datetime(2025, 3, 1, 12, tzinfo=SOFIA))
    response = client.get("/open311/v2/requests.json?start_date=2025-03-01T11:00:00+02:00")
    assert [request["service_request_id"] for request in read(response, "service_requests")] == [
        report.number
    ]


def test_a_list_read_moments_ago_shows_a_new_report_and_a_closing_at_once(
    client, django_capture_on_commit_callbacks
):
    """Lists are kept for a few seconds, but a change made through the site is not hidden
    once it has committed (the test's transaction never does: its commit is played)."""
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_report()
    assert [r["status"] for r in requests_of(client)] == ["open"]
    with django_capture_on_commit_callbacks(execute=True):
        second = submit_report()
    with django_capture_on_commit_callbacks(execute=True):
        close(first)
    listed = {r["service_request_id"]: r["status"] for r in requests_of(client)}
    assert listed == {first.number: "closed", second.number: "open"}
