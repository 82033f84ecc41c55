"""The report form on a phone: camera, location, a light page, the offline parts."""

import pytest
from django.urls import reverse

from obshtina.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def html(client):
    CategoryFactory()
    return client.get(reverse("reports:submit")).content.decode()


def test_a_phone_can_add_photos_straight_from_the_camera(html):
    assert 'accept="image/*" capture="environment"' in html
    assert "Снимайте с камерата" in html
    assert 'name="photos"' in html and "multiple" in html


def test_a_refused_location_gets_a_clear_message(client):
    response = client.get(reverse("reports:submit"))

    assert response.context["map_texts"]["locationRefused"].startswith(
        "Не разрешихте достъп до местоположението."
    )


def test_the_scripts_do_not_hold_up_the_page(html):
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer>' in html
    assert '<script src="/static/reports/submit.js" defer>' in html
    assert '<script src="/static/reports/form-device.js" defer>' in html


def test_the_form_says_how_a_report_kept_offline_is_sent(html):
    assert "Сигналът е запазен на устройството и ще бъде изпратен, когато има връзка" in html
    assert 'id="report-saved"' in html and "hidden" in html
    assert 'data-draft="report"' in html
