"""The map's JSON: the visible box, the last 30 days, filters, clusters, no personal data."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report
from obshtina.reports.selectors import map as map_selectors

from .factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

# Central Samokov and a box around it; Govedartsi lies inside the municipality but outside the box.
TOWN_BOX = "42.32,23.53,42.35,23.58"
GOVEDARTSI = (42.2400, 23.4700)


@pytest.fixture(autouse=True)
def empty_cache():
    # Clusters are cached for a minute; every test starts from an empty cache.
    cache.clear()


def map_data(client, bbox=TOWN_BOX, zoom=15, **params):
    return client.get(reverse("reports:map_data"), {"bbox": bbox, "zoom": zoom, **params})


def numbers(response) -> set[str]:
    return {item["number"] for item in response.json()["items"]}


def test_it_returns_the_reports_inside_the_box_as_markers(client):
    in_town = submit_report()
    submit_report(latitude=GOVEDARTSI[0], longitude=GOVEDARTSI[1])
    response = map_data(client)
    assert response.status_code == 200
    assert response.json()["type"] == "markers"
    assert numbers(response) == {in_town.number}


def test_a_marker_carries_the_popup_summary_and_the_link_to_the_report(client):
    report = submit_report()
    Report.objects.filter(pk=report.pk).update(public_answer="Ремонтът е възложен.")
    (item,) = map_data(client).json()["items"]
    assert item["category"] == report.category.name
    assert item["status"] == "new"
    assert item["answer"] == "Ремонтът е възложен."
    assert item["url"] == report.get_absolute_url()
    assert (item["lat"], item["lng"]) == (report.latitude, report.longitude)


def test_reports_older_than_30_days_are_not_on_the_map(client):
    recent = submit_report()
    old = submit_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert numbers(map_data(client)) == {recent.number}


def test_hidden_reports_are_not_on_the_map(client):
    visible = submit_report()
    hidden = submit_report()
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    assert numbers(map_data(client)) == {visible.number}


def test_it_filters_by_category(client):
    potholes = CategoryFactory(name="Дупки")
    wanted = submit_report(category=potholes)
    submit_report(category=CategoryFactory(name="Осветление"))
    assert numbers(map_data(client, category=potholes.pk)) == {wanted.number}


def test_it_filters_by_several_statuses(client):
    new = submit_report()
    resolved = submit_report()
    rejected = submit_report()
    Report.objects.filter(pk=resolved.pk).update(status=Report.Status.RESOLVED)
    Report.objects.filter(pk=rejected.pk).update(status=Report.Status.REJECTED)
    response = map_data(client, status=["new", "resolved"])
    assert numbers(response) == {new.number, resolved.number}


def test_the_map_data_contains_no_personal_data(client):
    author = UserFactory(first_name="Гергана", last_name="Стоянова", email="gergana@example.bg")
    submit_report(
        author=author,
        submitter_name="Гергана Стоянова",
        submitter_email="gergana@example.bg",
        submitter_phone="0888765432",
    )
    body = map_data(client).content.decode()
    assert '"number"' in body
    for personal in ("Гергана", "Стоянова", "gergana@example.bg", "0888765432", "888765432"):
        assert personal not in body
    assert "access" not in body  # nor the submitter's private link


def test_a_crowded_box_is_summed_up_into_clusters_whose_counts_add_up(client, monkeypatch):
    monkeypatch.setattr(map_selectors, "MARKER_LIMIT", 3)
    category = CategoryFactory()
    for offset in range(3):
        submit_report(category=category, latitude=42.3370 + offset * 0.0001, longitude=23.5528)
    for offset in range(2):
        submit_report(category=category, latitude=42.3450, longitude=23.5700 + offset * 0.0001)
    data = map_data(client, zoom=14).json()
    assert data["type"] == "clusters"
    assert sorted(item["count"] for item in data["items"]) == [2, 3]
    assert all(set(item) == {"lat", "lng", "count"} for item in data["items"])


def test_a_repeated_crowded_view_is_answered_from_the_cache(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(map_selectors, "MARKER_LIMIT", 1)
    for _ in range(2):
        submit_report()
    first = map_data(client).json()
    with django_assert_max_num_queries(1):  # only the municipality's bounds
        again = map_data(client).json()
    assert again == first
    assert again["type"] == "clusters"


def test_at_or_below_the_limit_every_report_is_a_marker(client, monkeypatch):
    monkeypatch.setattr(map_selectors, "MARKER_LIMIT", 3)
    for _ in range(3):
        submit_report()
    data = map_data(client).json()
    assert data["type"] == "markers"
    assert len(data["items"]) == 3


def test_clusters_respect_the_filters(client, monkeypatch):
    monkeypatch.setattr(map_selectors, "MARKER_LIMIT", 1)
    wanted = CategoryFactory()
    for _ in range(3):
        submit_report(category=wanted)
    submit_report()
    data = map_data(client, category=wanted.pk).json()
    assert data["type"] == "clusters"
    assert sum(item["count"] for item in data["items"]) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": 14},
        {"bbox": "", "zoom": 14},
        {"bbox": "42.3,23.5,42.4", "zoom": 14},
        {"bbox": "север,23.5,42.4,23.6", "zoom": 14},
        {"bbox": "42.4,23.5,42.3,23.6", "zoom": 14},
        {"bbox": "nan,23.5,42.4,23.6", "zoom": 14},
        {"bbox": "42.3,23.5,95,23.6", "zoom": 14},
        {"bbox": TOWN_BOX},
        {"bbox": TOWN_BOX, "zoom": "близо"},
        {"bbox": TOWN_BOX, "zoom": 40},
        {"bbox": TOWN_BOX, "zoom": 14, "status": "lost"},
        {"bbox": TOWN_BOX, "zoom": 14, "category": "abc"},
    ],
)
def test_a_bad_query_gets_400_with_a_message_in_bulgarian(client, params):
    response = client.get(reverse("reports:map_data"), params)
    assert response.status_code == 400
    message = response.json()["error"]
    assert any("а" <= letter <= "я" for letter in message.lower())


def test_a_box_outside_the_municipality_is_empty(client):
    submit_report()
    response = map_data(client, bbox="42.60,23.20,42.80,23.40")  # Sofia
    assert response.status_code == 200
    assert response.json() == {"type": "markers", "items": []}


def test_a_box_larger_than_the_municipality_is_cut_to_it(client):
    report = submit_report()
    response = map_data(client, bbox="-80,-170,80,170", zoom=3)
    assert numbers(response) == {report.number}


def test_the_answer_may_be_cached_by_browsers_and_proxies_for_a_minute(client):
    response = map_data(client)
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_a_viewport_asked_again_is_kept_but_a_new_report_shows_at_once(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    first = submit_report()
    assert numbers(map_data(client)) == {first.number}
    with django_assert_max_num_queries(0):
        assert numbers(map_data(client)) == {first.number}
    with django_capture_on_commit_callbacks(execute=True):  # the submission commits
        second = submit_report()
    assert numbers(map_data(client)) == {first.number, second.number}
