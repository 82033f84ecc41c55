"""Every list of the JSON API comes in the same pages: count, page, pages, page_size,
next, previous and items; ``?page=`` and ``?page_size=`` choose."""

import pytest

from obshtina.infodesk.tests.knowledge_factories import ServiceFactory, ThemeFactory
from obshtina.reports.tests.factories import CategoryFactory

from .v1_helpers import API, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_categories():
    return [CategoryFactory(name=f"Категория {n}", position=n).pk for n in range(1, 6)]


def ids(body) -> list[int]:
    return [item["id"] for item in body["items"]]


def test_page_two_holds_the_next_items_and_the_total_is_the_whole_list(client, five_categories):
    body = client.get(f"{API}categories", {"page": 2, "page_size": 2}).json()
    assert ids(body) == five_categories[2:4]
    assert (body["count"], body["page"], body["pages"], body["page_size"]) == (5, 2, 3, 2)


def test_following_next_visits_every_item_once_and_previous_leads_back(client, five_categories):
    seen, pages = [], []
    url = f"{API}categories?page_size=2"
    while url:
        body = client.get(url).json()
        pages.append(body)
        seen += ids(body)
        url = body["next"]
    assert seen == five_categories
    assert [body["page"] for body in pages] == [1, 2, 3]
    assert pages[0]["previous"] is None
    assert ids(client.get(pages[2]["previous"]).json()) == five_categories[2:4]


def test_a_page_link_keeps_the_other_parameters(client):
    theme = ThemeFactory(slug="razhdane")
    ServiceFactory.create_batch(3, themes=[theme])
    ServiceFactory()
    body = client.get(f"{API}knowledge/services", {"theme": "razhdane", "page_size": 2}).json()
    assert body["count"] == 3
    following = client.get(body["next"]).json()
    assert (len(following["items"]), following["next"]) == (1, None)
    assert "theme=razhdane" in body["next"]


def test_without_parameters_a_page_holds_fifty(client):
    CategoryFactory.create_batch(51)
    body = client.get(f"{API}categories").json()
    assert (len(body["items"]), body["page_size"], body["pages"]) == (50, 50, 2)
    assert body["next"] == "http://testserver/api/v1/categories?page=2"


def test_a_page_past_the_last_is_empty_and_says_how_many_there_are(client, five_categories):
    body = client.get(f"{API}categories", {"page": 9, "page_size": 2}).json()
    assert (body["items"], body["count"], body["pages"], body["next"]) == ([], 5, 3, None)
    assert ids(client.get(body["previous"]).json()) == five_categories[4:]


def test_an_empty_list_is_one_empty_page(client):
    body = client.get(f"{API}categories").json()
    assert body == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "page_size": 50,
        "next": None,
        "previous": None,
        "items": [],
    }


@pytest.mark.parametrize("page_size", [0, 201, "много"])
def test_a_page_size_out_of_range_is_refused_on_page_size(client, page_size):
    response = client.get(f"{API}categories", {"page_size": page_size})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["page_size"]


def test_page_zero_is_refused_on_page(client):
    response = client.get(f"{API}question-topics", {"page": 0})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["page"]


def test_every_list_in_the_schema_takes_the_page_parameters_and_answers_a_page(client):
    schema = client.get(f"{API}openapi.json").json()
    paged = []
    for path, methods in schema["paths"].items():
        answer = methods.get("get", {}).get("responses", {}).get("200", {})
        shape = answer.get("content", {}).get("application/json", {}).get("schema", {})
        assert shape.get("type") != "array", f"{path} answers a bare list"
        target = schema["components"]["schemas"].get(shape.get("$ref", "").split("/")[-1], {})
        if "page_size" not in target.get("properties", {}):
            continue
        paged.append(path)
        names = {parameter["name"] for parameter in methods["get"]["parameters"]}
        assert {"page", "page_size"} <= names, path
        assert set(target["required"]) == {
            "count",
            "page",
            "pages",
            "page_size",
            "next",
            "previous",
            "items",
        }, path
    assert len(paged) == 16
