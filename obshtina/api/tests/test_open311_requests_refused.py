"""GET requests with filters that make no sense: a 400 error naming the parameter."""

import pytest

from .open311_helpers import FORMATS, errors, get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start_date": "вчера"}, "start_date: Датата не е във формат ISO 8601"),
        ({"end_date": "2026-02-30T00:00:00Z"}, "end_date: Датата не е във формат ISO 8601"),
        ({"start_date": "0001-01-01T00:00:00Z"}, "start_date: "),
        (
            {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"},
            "start_date: start_date е след end_date.",
        ),
        (
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
            "end_date: Периодът между start_date и end_date е по-дълъг от 90 дни.",
        ),
        ({"status": "open,pending"}, "status: Допустимите стойности са open и closed."),
        ({"start_date": "2026-01-01T00:00:00+23:59"}, "start_date: Часовата зона"),
        ({"end_date": "2026-01-01T00:00:00-16:00"}, "end_date: Часовата зона"),
        ({"start_date": "2026-01-01T00:00:00+14:01"}, "start_date: Часовата зона"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_filters_are_a_400_error(client, fmt, params, expected):
    (description,) = errors(get(client, "requests", fmt, **params), status=400)
    assert description.startswith(expected)


@pytest.mark.parametrize("offset", ["+14:00", "-12:00", "Z", "+02:00"])
def test_every_offset_clocks_use_is_accepted(client, offset):
    response = get(client, "requests", "json", start_date=f"2026-11-01T00:00:00{offset}")
    assert response.status_code == 200
    assert response.json() == []
