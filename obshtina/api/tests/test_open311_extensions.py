"""GET requests with the CitySDK / City of Helsinki extensions: every filter does filter,
pages hold what they say, and what cannot be understood is a 400, never the whole list."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_answer, report_change_status
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of
from obshtina.reports.tests.submit_photos import jpeg_bytes

from .open311_helpers import FORMATS, errors, get, read

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
# Central Samokov, and places at known distances from it (1° of latitude ≈ 111.2 km).
CENTRE = (42.3370, 23.5528)
METRES_200_NORTH = (42.3388, 23.5528)
KM_3_NORTH = (42.3640, 23.5528)
BELCHIN = (42.3653, 23.3847)  # west, outside a box around the town


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def listed(client, fmt="json", **params) -> list[str]:
    response = get(client, "requests", fmt, **params)
    assert response.status_code == 200, response.content
    return [item["service_request_id"] for item in read(response, "service_requests")]


def at(place: tuple[float, float], **kwargs) -> Report:
    return submit_report(latitude=place[0], longitude=place[1], **kwargs)


def test_lat_long_and_radius_keep_only_the_reports_within_that_many_metres(client):
    here, near, far = at(CENTRE), at(METRES_200_NORTH), at(KM_3_NORTH)
    within_500 = listed(client, lat=CENTRE[0], long=CENTRE[1], radius=500)
    assert sorted(within_500) == sorted([here.number, near.number])
    assert listed(client, lat=CENTRE[0], long=CENTRE[1], radius=100) == [here.number]
    assert far.number in listed(client, lat=CENTRE[0], long=CENTRE[1], radius=5000)


def test_a_point_far_from_every_report_finds_none(client):
    at(CENTRE)
    assert listed(client, lat=0, long=0, radius=1) == []


def test_order_by_distance_lists_the_nearest_first(client):
    far, here, near = at(KM_3_NORTH), at(CENTRE), at(METRES_200_NORTH)
    nearest_first = listed(client, lat=CENTRE[0], long=CENTRE[1], order_by="distance")
    assert nearest_first == [here.number, near.number, far.number]


def test_bbox_is_west_south_east_north_and_keeps_what_lies_inside(client):
    town, village = at(CENTRE), at(BELCHIN)
    assert listed(client, bbox="23.50,42.30,23.60,42.40") == [town.number]
    assert listed(client, bbox="23.30,42.30,23.40,42.40") == [village.number]


def test_updated_after_and_before_follow_the_last_public_change_not_the_registration(client):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SOFIA), tick=False):
        quiet, answered = submit_report(), submit_report()
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=SOFIA), tick=False):
        report_answer(
            report=answered, actor=officer_of(answered.unit), message="Ще бъде ремонтирано."
        )
        # A sync asking what changed since 10 March: older than the 90-day default,
        # and yet listed, because it changed.
        changed = listed(client, updated_after="2026-03-10T00:00:00+02:00")
        assert changed == [answered.number]
        assert listed(client, updated_before="2026-03-10T00:00:00+02:00") == [quiet.number]


def test_updated_after_a_later_moment_than_updated_before_is_refused(client):
    (description,) = errors(
        get(
            client,
            "requests",
            "json",
            updated_after="2026-03-10T00:00:00Z",
            updated_before="2026-03-01T00:00:00Z",
        ),
        status=400,
    )
    assert description.startswith("updated_after:")


def test_search_finds_words_of_the_description_address_or_answer(client):
    bench = submit_report(description="счупена пейка в градината")
    lamp = submit_report(description="не свети", address="ул. Преспа 12")
    submit_report(description="дупка на пътя")
    report_answer(report=lamp, actor=officer_of(lamp.unit), message="подменена е лампата")
    assert listed(client, search="пейка") == [bench.number]
    assert listed(client, search="Преспа") == [lamp.number]
    assert listed(client, search="лампата") == [lamp.number]
    assert listed(client, search=lamp.number.lower()) == [lamp.number]


def test_agency_responsible_keeps_one_unit_by_name_or_code_forgiving_case(client):
    roads = UnitFactory(name="Отдел „Пътища, улици“", slug="patishta")
    parks = UnitFactory(name="Паркове", slug="parkove")
    road = submit_report(category=CategoryFactory(unit=roads))
    park = submit_report(category=CategoryFactory(unit=parks))
    assert listed(client, agency_responsible="Отдел „Пътища, улици“") == [road.number]
    assert listed(client, agency_responsible="ПАРКОВЕ") == [park.number]
    both = listed(client, agency_responsible="patishta,parkove")
    assert sorted(both) == sorted([road.number, park.number])


def test_an_agency_that_does_not_exist_is_named_in_a_400(client):
    (description,) = errors(
        get(client, "requests", "json", agency_responsible="Министерство"), status=400
    )
    assert description.startswith("agency_responsible:") and "Министерство" in description


@pytest.mark.parametrize("fmt", FORMATS)
def test_pages_hold_page_size_reports_and_say_the_total_and_where_the_next_page_is(client, fmt):
    reports = [submit_report() for _ in range(5)]
    newest_first = [report.number for report in reversed(reports)]
    first = get(client, "requests", fmt, page_size=2)
    assert [item["service_request_id"] for item in read(first, "service_requests")] == (
        newest_first[:2]
    )
    assert first["X-Result-Count"] == "5"
    assert first["X-Page-Count"] == "3"
    assert first["X-Page-Size"] == "2"
    assert "X-Previous-Page-URL" not in first
    second = client.get(first["X-Next-Page-URL"])
    assert [item["service_request_id"] for item in read(second, "service_requests")] == (
        newest_first[2:4]
    )
    assert second["Link"] == (
        f'<{second["X-Next-Page-URL"]}>; rel="next", <{second["X-Previous-Page-URL"]}>; rel="prev"'
    )
    last = client.get(second["X-Next-Page-URL"])
    assert [item["service_request_id"] for item in read(last, "service_requests")] == (
        newest_first[4:]
    )
    assert "X-Next-Page-URL" not in last


def test_a_page_past_the_last_is_empty_not_an_error(client):
    submit_report()
    assert listed(client, page=9) == []


def test_order_by_requested_datetime_lists_the_oldest_first(client):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SOFIA), tick=False):
        older = submit_report()
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=SOFIA), tick=False):
        newer = submit_report()
        assert listed(client, order_by="requested_datetime") == [older.number, newer.number]
        assert listed(client) == [newer.number, older.number]


def test_order_by_updated_datetime_lists_the_latest_change_first(client):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SOFIA), tick=False):
        answered, quiet = submit_report(), submit_report()
    with time_machine.travel(datetime(2026, 3, 5, 9, 0, tzinfo=SOFIA), tick=False):
        report_answer(report=answered, actor=officer_of(answered.unit), message="Прието.")
        assert listed(client, order_by="-updated_datetime") == [answered.number, quiet.number]


@pytest.mark.parametrize("fmt", FORMATS)
def test_extensions_add_the_title_detailed_status_every_photo_the_unit_and_the_timeline(
    client, settings, fmt
):
    settings.MEDIA_URL = "/media/"
    unit = UnitFactory(name="Отдел „Пътища“", slug="patishta")
    report = submit_report(
        category=CategoryFactory(name="Дупки", unit=unit),
        address="ул. Търговска 5",
        photos=[jpeg_bytes(gps=False), jpeg_bytes(gps=False)],
    )
    report_change_status(
        report=report,
        actor=officer_of(unit),
        status=Report.Status.IN_PROGRESS,
        public_message="Екип е на място.",
    )
    response = get(client, "requests", fmt, extensions="true")
    (item,) = read(response, "service_requests")
    extended = item["extended_attributes"]
    assert extended["title"] == "Дупки: ул. Търговска 5"
    assert extended["detailed_status"] == "IN_PROCESS"
    assert extended["detailed_status_code"] == "in_progress"
    assert extended["detailed_status_label"] == "в процес на решаване"
    assert len(extended["media_urls"]) == 2
    assert all(url.startswith("http") and "/media/" in url for url in extended["media_urls"])
    assert extended["unit"] == {"code": "patishta", "name": "Отдел „Пътища“"}
    history = extended["request_history"]
    assert [event["kind"] for event in history] == ["created", "status"]
    assert history[-1]["status"] == "in_progress"
    assert history[-1]["note"] == "Екип е на място."
    detail = read(
        get(client, f"requests/{report.number}", fmt, extensions="true"), "service_requests"
    )
    assert detail[0]["extended_attributes"] == extended


def test_without_extensions_a_request_has_only_the_spec_fields(client):
    submit_report()
    (item,) = read(get(client, "requests", "json"), "service_requests")
    assert "extended_attributes" not in item


def test_locale_en_answers_the_labels_in_english(client):
    submit_report()
    with translation.override("en"):
        english_label = str(Report.Status.NEW.label)
    (item,) = read(
        get(client, "requests", "json", extensions="true", locale="en_GB"), "service_requests"
    )
    assert item["extended_attributes"]["detailed_status_label"] == english_label != "нов"
    (item,) = read(get(client, "requests", "json", extensions="true"), "service_requests")
    assert item["extended_attributes"]["detailed_status_label"] == "нов"


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"radius": "100"}, ["radius"]),
        ({"lat": "42.3"}, ["lat, long"]),
        ({"lat": "north", "long": "23.5"}, ["lat"]),
        ({"lat": "42.3", "long": "23.5", "radius": "-5"}, ["radius"]),
        ({"lat": "42.3", "long": "23.5", "radius": "0"}, ["radius"]),
        ({"lat": "42.3", "long": "23.5", "radius": "nan"}, ["radius"]),
        ({"bbox": "23.6,42.3,23.5,42.4"}, ["bbox"]),
        ({"bbox": "23.5,42.3,23.6"}, ["bbox"]),
        ({"updated_after": "yesterday"}, ["updated_after"]),
        ({"page": "0"}, ["page"]),
        ({"page_size": "1001"}, ["page_size"]),
        ({"page_size": "ten"}, ["page_size"]),
        ({"order_by": "description"}, ["order_by"]),
        ({"order_by": "distance"}, ["order_by"]),
        ({"extensions": "yes"}, ["extensions"]),
        ({"search": "я" * 201}, ["search"]),
        ({"bbox": "x", "page": "-1", "extensions": "maybe"}, ["page", "extensions", "bbox"]),
    ],
)
def test_a_value_that_cannot_be_understood_is_a_400_naming_it(client, params, names):
    submit_report()
    descriptions = errors(get(client, "requests", "json", **params), status=400)
    assert sorted(text.split(":")[0] for text in descriptions) == sorted(names)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_locale_is_a_400_in_the_asked_format(client, fmt):
    (description,) = errors(get(client, "services", fmt, locale="fi"), status=400)
    assert description.startswith("locale:")


def test_a_page_of_a_list_read_moments_ago_keeps_its_headers(client):
    for _ in range(3):
        submit_report()
    first = get(client, "requests", "json", page_size=2)
    again = get(client, "requests", "json", page_size=2)
    assert again.content == first.content
    assert again["X-Next-Page-URL"] == first["X-Next-Page-URL"]
    assert again["X-Result-Count"] == "3"


def test_service_request_ids_are_paged_too(client):
    reports = [submit_report() for _ in range(3)]
    ids = ",".join(report.number for report in reports)
    response = get(client, "requests", "json", service_request_id=ids, page_size=2)
    assert len(response.json()) == 2
    assert response["X-Result-Count"] == "3"


def test_the_default_window_of_90_days_still_holds_without_dates(client):
    recent, old = submit_report(), submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=recent.created_at - timedelta(days=91))
    assert listed(client, search="пътя") == [recent.number]
