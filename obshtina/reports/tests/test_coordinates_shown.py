"""Coordinates read as two numbers in every language: "42.33611, 23.55400", with a
decimal point, on the public page and on the officials' page alike."""

import pytest
from django.urls import reverse
from django.utils import translation

from .factories import submit_report
from .staff_helpers import manage_url, officer_of, report_in

pytestmark = pytest.mark.django_db

SHOWN = "42.33611, 23.55400"


def test_the_officials_page_shows_the_place_with_a_decimal_point(client):
    report = report_in(latitude=42.336111, longitude=23.554)
    client.force_login(officer_of(report.unit))
    html = client.get(manage_url(report)).content.decode()
    assert f"({SHOWN})" in html
    assert "42,33611" not in html


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_public_page_shows_them_the_same_way_in_each_language(client, language):
    report = submit_report(latitude=42.336111, longitude=23.554)
    with translation.override(language):
        url = reverse("reports:detail", kwargs={"number": report.number})
    client.cookies["django_language"] = language
    html = client.get(url).content.decode()
    assert SHOWN in html
    assert "42,33611" not in html


def test_the_number_in_the_title_never_breaks_across_lines(client):
    report = submit_report()
    html = client.get(reverse("reports:detail", kwargs={"number": report.number})).content
    assert f'<span class="registry-number">{report.number}</span>' in html.decode()
