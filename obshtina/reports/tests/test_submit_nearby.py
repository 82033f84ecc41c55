""" "Може би вече е подаден?": open reports of the same category close to the new one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.reports.models import Report

from .factories import SAMOKOV, CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

URL = reverse("reports:nearby")
LAT, LNG = SAMOKOV


def ask(client, category, lat=LAT, lng=LNG):
    return client.get(URL, {"category": category.pk, "lat": lat, "lng": lng})


def test_an_open_report_of_the_category_100_m_away_is_shown(client):
    category = CategoryFactory()
    report = submit_report(category=category, latitude=LAT + 0.0009)  # ~100 m north
    html = ask(client, category).content.decode()
    assert report.number in html
    assert report.get_absolute_url() in html
    assert "Дупка на пътя" in html
    assert "нов" in html


def test_far_closed_hidden_and_other_category_reports_are_not_shown(client):
    category = CategoryFactory()
    far = submit_report(category=category, latitude=LAT + 0.009)  # ~1 km
    corner = submit_report(category=category, latitude=LAT + 0.0025, longitude=LNG + 0.0034)
    closed = submit_report(category=category)
    Report.objects.filter(pk=closed.pk).update(status=Report.Status.RESOLVED)
    hidden = submit_report(category=category)
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    other = submit_report(category=CategoryFactory())
    html = ask(client, category).content.decode()
    for report in (far, corner, closed, hidden, other):
        assert report.number not in html
    assert "Наблизо няма отворени сигнали" in html


def test_reports_older_than_90_days_are_not_shown(client):
    category = CategoryFactory()
    old = submit_report(category=category)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    assert old.number not in ask(client, category).content.decode()


def test_the_submitters_personal_data_never_appear(client):
    category = CategoryFactory()
    submit_report(
        category=category,
        submitter_name="Мария Тодорова",
        submitter_email="maria.todorova@example.bg",
        submitter_phone="0888 765 432",
    )
    html = ask(client, category).content.decode()
    assert "С-" in html
    for secret in ("Мария", "Тодорова", "maria.todorova", "765 432"):
        assert secret not in html


@pytest.mark.parametrize(
    "params", [{}, {"category": "x", "lat": "1", "lng": "2"}, {"category": "1", "lat": "a"}]
)
def test_bad_parameters_give_an_empty_answer_not_an_error(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Наблизо няма отворени сигнали" in response.content.decode()
