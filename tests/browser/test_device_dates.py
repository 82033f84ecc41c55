"""The list of what this device submitted writes times as the rest of the site does:
numeric, in Sofia time, whatever the zone the phone is set to."""

import pytest

from .conftest import only_this_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_in_new_york(browser, live_server):
    context = browser.new_context(
        locale="bg-BG", timezone_id="America/New_York", base_url=live_server.url
    )
    page = context.new_page()
    only_this_site(page, live_server)
    yield page
    context.close()


def test_a_report_remembered_just_after_midnight_in_sofia_shows_that_day(page_in_new_york):
    page = page_in_new_york
    page.goto("/my-device/")
    # 22:30 UTC on 31 December: 00:30 on New Year's Day in Sofia, 17:30 in New York.
    page.evaluate(
        """DeviceStore.itemRemember({
            number: "С-2026-000123", kind: "report", url: "/reports/r/С-2026-000123/",
            savedAt: "2026-12-31T22:30:00Z"
        })"""
    )

    page.reload()

    page.get_by_role("link", name="С-2026-000123").wait_for()
    assert page.get_by_text("Запазен на 01.01.2027 00:30").is_visible()
