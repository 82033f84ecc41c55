"""An emergency notice shows on every page of its municipality's site, from its start to
its end, also on pages kept for visitors; never before, never after, never elsewhere."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from obshtina.core.models import SiteNotice
from obshtina.organization.models import Municipality, Role
from obshtina.organization.selectors import current_municipality
from obshtina.organization.tests.factories import staff
from obshtina.reports.tests.factories import submit_report

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
SNOW_STARTS = datetime(2026, 12, 31, 18, 0, tzinfo=SOFIA)
SNOW_ENDS = datetime(2027, 1, 2, 12, 0, tzinfo=SOFIA)
TITLE = "Обилен снеговалеж"


def snow_notice(**fields) -> SiteNotice:
    return SiteNotice.objects.create(
        municipality=fields.pop("municipality", None) or current_municipality(),
        title=TITLE,
        text="Пътят за Боровец е затворен. Снегопочистването работи денонощно.",
        level=SiteNotice.Level.DANGER,
        starts_at=SNOW_STARTS,
        ends_at=SNOW_ENDS,
        **fields,
    )


def shown(client, path: str, **extra) -> bool:
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return TITLE in response.content.decode()


def pages() -> list[str]:
    report = submit_report()
    return [
        reverse("core:home"),
        reverse("reports:submit"),
        reverse("reports:map"),
        report.get_absolute_url(),
        reverse("infodesk:index"),
        reverse("reception:index"),
        reverse("account_login"),
    ]


def test_a_notice_shows_on_every_page_between_its_start_and_its_end(client):
    snow_notice(link="https://samokov.bg/sneg")
    paths = pages()
    with time_machine.travel(datetime(2027, 1, 1, 9, 0, tzinfo=SOFIA), tick=False):
        for path in paths:
            assert shown(client, path), path
        page = client.get(reverse("core:home")).content.decode()
        assert "Опасност" in page  # said in words, not only in colour
        assert "https://samokov.bg/sneg" in page
        assert "Пътят за Боровец е затворен." in page


@pytest.mark.parametrize(
    "moment",
    [datetime(2026, 12, 31, 17, 59, tzinfo=SOFIA), datetime(2027, 1, 2, 12, 0, tzinfo=SOFIA)],
)
def test_before_its_start_and_from_its_end_on_the_notice_is_not_shown(client, moment):
    snow_notice()
    with time_machine.travel(moment, tick=False):
        assert not shown(client, reverse("core:home"))


def test_a_kept_page_shows_the_notice_from_the_minute_it_starts(client):
    snow_notice()
    report_page = pages()[3]
    with time_machine.travel(datetime(2026, 12, 31, 17, 59, 30, tzinfo=SOFIA), tick=False):
        assert not shown(client, report_page)  # kept now for visitors
    with time_machine.travel(datetime(2026, 12, 31, 18, 0, 1, tzinfo=SOFIA), tick=False):
        assert shown(client, report_page)


def test_a_notice_added_now_shows_at_once_although_notices_are_cached(client):
    with time_machine.travel(datetime(2027, 1, 1, 9, 0, tzinfo=SOFIA), tick=False):
        assert not shown(client, reverse("core:home"))
        snow_notice()
        assert shown(client, reverse("core:home"))
        SiteNotice.objects.get().delete()
        assert not shown(client, reverse("core:home"))


def test_another_municipalitys_notice_stays_on_its_own_site(client):
    kostenets = Municipality.objects.create(
        name="Община Костенец",
        slug="kostenets",
        map_center_lat=42.308,
        map_center_lng=23.859,
        bounds_south=42.20,
        bounds_west=23.70,
        bounds_north=42.40,
        bounds_east=24.00,
    )
    snow_notice(municipality=kostenets)
    with time_machine.travel(datetime(2027, 1, 1, 9, 0, tzinfo=SOFIA), tick=False):
        assert not shown(client, reverse("core:home"))
        assert shown(client, reverse("core:home"), HTTP_HOST="kostenets.localhost")


def test_an_end_before_the_start_is_refused():
    notice = SiteNotice(title=TITLE, text="…", starts_at=SNOW_ENDS, ends_at=SNOW_STARTS)
    with pytest.raises(ValidationError) as refused:
        notice.full_clean()
    assert "ends_at" in refused.value.message_dict


def test_an_administrator_adds_a_notice_in_the_admin(client):
    administrator = staff(Role.ADMINISTRATOR)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:core_sitenotice_add"),
        {
            "title": TITLE,
            "text": "Затворени пътища.",
            "level": "warning",
            "link": "",
            "starts_at_0": "2026-12-31",
            "starts_at_1": "18:00",
            "ends_at_0": "2027-01-02",
            "ends_at_1": "12:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    notice = SiteNotice.objects.get()
    assert notice.municipality == current_municipality()
    assert notice.ends_at == SNOW_ENDS
