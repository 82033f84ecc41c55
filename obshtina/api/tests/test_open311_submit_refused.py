"""POST requests refused: 403 without a valid key, 404 for an unknown service, 400 for
bad input, each with the spec's error list and nothing stored."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.api.models import Open311Token
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory

from .open311_helpers import BASE, FORMATS, errors, open311_client, post_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture(autouse=True)
def nothing_is_stored():
    yield
    assert not Report.objects.exists()
    assert not Open311Token.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_post_without_a_key_is_forbidden(client, fmt):
    (description,) = errors(post_request(client, fmt, api_key=None), status=403)
    assert "api_key" in description


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_post_with_a_wrong_key_is_forbidden(client, fmt):
    errors(post_request(client, fmt, api_key="not-a-key"), status=403)


def test_a_suspended_client_is_forbidden(client):
    suspended = open311_client(is_active=False)
    errors(post_request(client, "json", api_key=suspended.api_key), status=403)
    suspended.refresh_from_db()
    assert suspended.last_used_at is None


def test_a_key_in_the_query_string_does_not_count(client):
    key = open311_client().api_key
    response = client.post(f"{BASE}requests.json?api_key={key}", {"description": "Дупка"})
    errors(response, status=403)


def test_a_json_body_is_not_a_form_and_has_no_key(client):
    response = client.post(
        f"{BASE}requests.json", {"api_key": "x"}, content_type="application/json"
    )
    errors(response, status=403)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_service_code_is_not_found(client, fmt):
    (description,) = errors(post_request(client, fmt, service_code="nyama"), status=404)
    assert "nyama" in description


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"service_code": None}, "service_code: Посочете service_code"),
        ({"description": "   "}, "description: Опишете проблема."),
        ({"description": "Дупка"}, "description: Опишете проблема с няколко думи"),
        ({"description": "я" * 4001}, "description: "),
        ({"lat": "42.3", "long": None}, "Изпратете и lat, и long."),
        ({"lat": None, "long": None}, "Посочете мястото с lat и long"),
        ({"lat": None, "long": None, "address_string": "Париж"}, "Посочете мястото"),
        ({"lat": "север", "long": "23.5"}, "lat: "),
        ({"lat": "nan", "long": "23.5"}, "lat: "),
        ({"lat": "48.85", "long": "2.35"}, "lat, long: Мястото е извън територията на общината."),
        ({"email": "ne-e-imeyl"}, "email: "),
        ({"phone": "1" * 41}, "phone: "),
        ({"first_name": "И" * 101}, "first_name: "),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_input_is_a_400_error_naming_the_parameter(client, fmt, fields, expected):
    descriptions = errors(post_request(client, fmt, **fields), status=400)
    assert any(description.startswith(expected) for description in descriptions), descriptions


def test_every_problem_is_reported_at_once(client):
    descriptions = errors(
        post_request(client, "xml", description="", email="x", lat="север"), status=400
    )
    assert [description.split(":")[0] for description in descriptions] == [
        "lat",
        "description",
        "email",
    ]


def test_a_file_that_is_not_a_photo_is_refused(client):
    text = SimpleUploadedFile("snimka.jpg", b"not an image\n" * 50, "image/jpeg")
    (description,) = errors(post_request(client, "json", media=text), status=400)
    assert description == "media: „snimka.jpg“: Файлът не е изображение (JPEG, PNG или WebP)."


def test_an_inactive_category_cannot_receive_reports(client):
    category = CategoryFactory(is_active=False)
    errors(post_request(client, "json", service_code=category.slug), status=404)


def test_a_body_too_big_to_read_is_a_400_error(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    errors(post_request(client, "json", description="я" * 2000), status=400)
