"""The map page: the Leaflet map, the filter form and the list that works without JavaScript."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.reports.models import Report

from .factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db


def test_the_page_has_the_map_the_filters_and_the_legend(client):
    category = CategoryFactory(name="Улично осветление")
    response = client.get(reverse("reports:map"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="report-map"' in page
    assert 'id="map-config"' in page
    assert "vendor/leaflet/leaflet.js" in page
    assert f'name="category" value="{category.pk}"' in page
    assert 'name="status" value="in_progress"' in page
    assert "Легенда" in page
    assert "в процес на решаване" in page


def test_the_list_below_the_map_shows_the_recent_public_reports(client):
    recent = submit_report()
    old = submit_report()
    hidden = submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    page = client.get(reverse("reports:map")).content.decode()
    assert recent.number in page
    assert recent.get_absolute_url() in page
    assert old.number not in page
    assert hidden.number not in page


def test_the_filter_form_narrows_the_list_without_javascript(client):
    lights = CategoryFactory(name="Осветление")
    wanted = submit_report(category=lights)
    other = submit_report()
    resolved = submit_report(category=lights)
    Report.objects.filter(pk=resolved.pk).update(status=Report.Status.RESOLVED)
    response = client.get(reverse("reports:map"), {"category": lights.pk, "status": "new"})
    page = response.content.decode()
    assert wanted.number in page
    assert other.number not in page
    assert resolved.number not in page
    assert "checked" in page


def test_an_unknown_filter_value_is_explained_next_to_the_field(client):
    response = client.get(reverse("reports:map"), {"status": "lost"})
    assert response.status_code == 200
    assert "Няма такова състояние." in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_filter(client):
    category = CategoryFactory()
    for _ in range(26):
        submit_report(category=category)
    response = client.get(reverse("reports:map"), {"category": category.pk})
    page = response.content.decode()
    assert "Страница 1 от 2" in page
    assert f"?category={category.pk}&amp;page=2" in page


def test_the_page_contains_no_personal_data(client):
    submit_report(
        submitter_name="Гергана Стоянова",
        submitter_email="gergana@example.bg",
        submitter_phone="0888765432",
    )
    page = client.get(reverse("reports:map")).content.decode()
    for personal in ("Гергана", "gergana@example.bg", "0888765432"):
        assert personal not in page
