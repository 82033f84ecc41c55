"""``load_demo_data`` also loads report categories and, with DEMO, demo reports."""

import io

import pytest
from django.core.management import call_command

from obshtina.reports.models import Category, Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("as_first_municipality")]


def load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_categories_and_demo_reports_are_loaded_once(settings):
    settings.DEMO = True
    load()
    assert Category.objects.count() == 11
    roads = Category.objects.get(name="Дупки и повреди по пътя")
    assert roads.unit.slug == "blagoustroystvo-transport-i-infrastruktura"
    assert Category.objects.get(name="Друго").unit is None
    reports = Report.objects.count()
    assert reports >= 15
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"new", "accepted", "in_progress", "resolved", "rejected", "forwarded"} <= statuses
    assert Report.objects.exclude(public_answer="").exists()
    load()
    assert Category.objects.count() == 11
    assert Report.objects.count() == reports


def test_without_demo_only_the_categories_are_loaded(settings):
    settings.DEMO = False
    load()
    assert Category.objects.count() == 11
    assert not Report.objects.exists()
