""" "Моите сигнали": a signed-in citizen's own reports, in the profile and the export."""

import json

import pytest
from django.urls import reverse

from obshtina.accounts.sections import filed_items_url
from obshtina.accounts.tests.factories import UserFactory

from .factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

KIND = "reports"  # its key in "Моите"

URL = reverse("reports:mine")


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_lists_my_reports_and_not_others(client):
    me, other = UserFactory(), UserFactory()
    mine = submit_report(author=me, category=CategoryFactory(name="Улично осветление"))
    theirs = submit_report(author=other)
    anonymous = submit_report()
    client.force_login(me)
    html = client.get(URL, follow=True).content.decode()
    assert mine.number in html
    assert "Улично осветление" in html
    assert "нов" in html
    assert mine.get_absolute_url() in html
    assert theirs.number not in html
    assert anonymous.number not in html


def test_it_is_paginated(client):
    me = UserFactory()
    category = CategoryFactory()
    reports = [
        submit_report(author=me, category=category) for _n in range(26)
    ]  # "Моите" shows 25 a page
    client.force_login(me)
    first_page = client.get(URL, follow=True).content.decode()
    second_page = client.get(URL, {"page": 2}, follow=True).content.decode()
    assert "Страница 1 от 2" in first_page
    assert reports[0].number in second_page
    assert reports[0].number not in first_page


def test_the_profile_counts_my_reports_and_links_to_them(client):
    me = UserFactory()
    submit_report(author=me)
    client.force_login(me)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{filed_items_url(KIND)}"' in html
    assert "1 запис" in html


def test_the_data_export_holds_my_reports(client):
    me = UserFactory()
    report = submit_report(author=me, description="Счупена пейка")
    submit_report(author=UserFactory())
    client.force_login(me)
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["reports"] == [
        {
            "number": report.number,
            "category": report.category.name,
            "status": "new",
            "created_at": report.created_at.isoformat(),
            "description": "Счупена пейка",
        }
    ]
