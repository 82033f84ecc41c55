"""The schema states what the server checks: patterns that mean what the server does,
and the checks it cannot state declared on their operations (``x-server-checks``)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obshtina.api.v1 import patterns
from obshtina.api.v1.contract import SERVER_CHECKS, STATE_ERRORS

from .v1_helpers import API

pytestmark = pytest.mark.django_db

# Text as a client may send it: spaces of every kind around and inside, now and then NUL.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([chr(point) for point in range(0x3001) if chr(point).isspace()]),
        st.characters(codec="utf-8"),
    ),
    max_size=8,
)


@given(TEXT)
def test_filled_text_is_what_the_server_keeps_after_stripping_it(text):
    matches = re.search(patterns.FILLED, text) is not None
    assert matches == (bool(text.strip()) and "\x00" not in text)


@given(TEXT)
def test_a_minimum_length_counts_as_the_server_does_without_the_spaces_around(text):
    pattern = patterns.at_least(3)
    matches = re.search(pattern, text) is not None
    assert matches == (len(text.strip()) >= 3 and "\x00" not in text)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def names_in(operation, schema) -> set[str]:
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    for content in operation.get("requestBody", {}).get("content", {}).values():
        body = content["schema"]
        if "$ref" in body:
            body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
        names |= set(body.get("properties", {}))
    return names


def test_every_declared_server_check_is_on_a_field_of_its_operation_and_in_its_text(client):
    schema = client.get(f"{API}openapi.json").json()
    declared = 0
    for label, operation in operations(schema):
        for name in operation.get(SERVER_CHECKS, {}):
            declared += 1
            assert name in names_in(operation, schema), f"{label}: no field {name!r}"
            assert f"`{name}`" in operation["description"], label
        for code in operation.get(STATE_ERRORS, {}):
            assert f"`{code}`" in operation["description"], label
    assert declared >= 10


def test_the_visible_area_is_described_as_four_numbers_in_degrees(client):
    schema = client.get(f"{API}openapi.json").json()
    parameters = schema["paths"]["/api/v1/map"]["get"]["parameters"]
    (pattern,) = [item["schema"]["pattern"] for item in parameters if item["name"] == "bbox"]
    assert re.search(pattern, "42.2,23.3,42.5,23.7")
    assert re.search(pattern, "-90,-180,90,180.0")
    for wrong in ("42,23", "91,23,92,24", "42,181,43,182", "nan,23,43,24", "4e1,23,43,24"):
        assert not re.search(pattern, wrong), wrong


def test_a_box_the_pattern_allows_but_upside_down_is_refused_on_bbox(client):
    response = client.get(f"{API}map", {"bbox": "42.5,23.3,42.2,23.7", "zoom": 12})
    assert response.status_code == 400
    assert response.json()["fields"]["bbox"][0].startswith("Видимата област е невалидна")


def test_a_search_of_two_letters_and_spaces_is_refused_by_the_pattern_with_a_message(client):
    response = client.get(f"{API}knowledge/search", {"q": "  аб   "})
    assert response.status_code == 400
    assert response.json()["fields"]["q"] == ["Напишете поне 3 букви, за да търсите."]
