"""One platform, two demo municipalities: a report filed on Костенец's site leaves no
trace on Самоков's – its map, tracking, open data, Open311 and the JSON API."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from obshtina.organization.hosts import serving
from obshtina.organization.models import Municipality
from obshtina.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"С-\d{4}-\d{6}")
WORDS = "Паднало дърво препречва пътя към Момин проход"


@pytest.fixture(autouse=True)
def demo_data(settings):
    settings.DEMO = True
    call_command("load_demo_data", verbosity=0)


def site_of(browser, live_server, slug: str):
    """A page of the municipality's own address on the live server."""
    port = urlsplit(live_server.url).port
    base = f"http://{slug}.localhost:{port}"
    page = browser.new_context(locale="bg-BG", base_url=base).new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname.endswith("localhost")
            else route.abort()
        ),
    )
    return page


def fetched(page, path: str) -> str:
    """What the browser gets from the page's own site (a download too)."""
    return page.evaluate("path => fetch(path).then(response => response.text())", path)


def test_a_report_filed_in_one_municipality_is_nowhere_in_the_other(
    browser, live_server, assert_accessible
):
    kostenets = site_of(browser, live_server, "kostenets")
    kostenets.goto("/reports/new/")
    assert "Община Костенец" in kostenets.title() or "Костенец" in kostenets.content()
    assert_accessible(kostenets)
    kostenets.get_by_label("Категория").select_option(index=1)
    kostenets.locator("#report-map").click(position={"x": 140, "y": 120})
    kostenets.get_by_label("Описание на проблема").fill(WORDS)
    kostenets.get_by_role("button", name="Изпрати сигнала").click()
    kostenets.wait_for_url("**/reports/submitted/**")
    number = NUMBER.search(kostenets.locator("main").inner_text()).group(0)
    with serving(Municipality.objects.get(slug="kostenets")):
        assert Report.objects.get(number=number).description == WORDS
    kostenets.goto(f"/reports/r/{number}/")
    assert WORDS in kostenets.content()

    samokov = site_of(browser, live_server, "samokov")
    samokov.goto("/")
    samokov.get_by_label("Номер на сигнал или въпрос").fill(number)
    samokov.get_by_role("button", name="Търсене").click()
    samokov.wait_for_load_state()
    assert WORDS not in samokov.content()  # the same number is Samokov's own report, or none
    for path in (
        "/reports/map/",
        "/reports/map/data/?bbox=41.0,22.0,44.0,29.0&zoom=10",
        "/reports/open-data/reports.csv",
        "/reports/open-data/reports.geojson",
        "/open311/v2/requests.json",
        f"/open311/v2/requests/{number}.json",
        "/api/v1/map?bbox=41.0,22.0,44.0,29.0&zoom=10",
        f"/api/v1/reports/{number}",
        f"/api/v1/track/{number}",
    ):
        body = fetched(samokov, path)
        assert WORDS not in body and "Момин проход" not in body, path
    kostenets_open311 = fetched(kostenets, "/open311/v2/requests.json")
    assert WORDS in kostenets_open311
