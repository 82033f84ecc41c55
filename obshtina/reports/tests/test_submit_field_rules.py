""" "Подай сигнал" says what each field needs: a description of a few words and a
Bulgarian phone number, each refused next to its field with a message in Bulgarian."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from obshtina.reports.models import Report

from .factories import CategoryFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:submit")


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category():
    return CategoryFactory(name="Дупки и повреди по пътя")


def submit(client, category, **overrides):
    data = {
        "category": category.pk,
        "description": "Дълбока дупка пред училището",
        "latitude": "42.3371",
        "longitude": "23.5530",
        "email": "maria@example.bg",
    }
    data.update(overrides)
    return client.post(URL, data)


def field_errors(response, field: str) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_a_description_of_one_character_is_refused_and_says_how_long_it_must_be(client, category):
    response = submit(client, category, description="а")
    assert response.status_code == 200
    assert field_errors(response, "description") == [
        "Опишете проблема с няколко думи: поне 10 знака, без да броим интервалите."
    ]
    assert not Report.objects.exists()


def test_spaces_do_not_count_towards_the_description(client, category):
    response = submit(client, category, description="д у п к а\n   \n  т у к")
    assert field_errors(response, "description")
    assert not Report.objects.exists()


def test_a_description_of_ten_characters_is_accepted(client, category):
    response = submit(client, category, description="Дупка тук!!")
    assert response.status_code == 302
    assert Report.objects.get().description == "Дупка тук!!"


def test_the_form_tells_the_minimum_before_anyone_gets_it_wrong(client, category):
    html = client.get(URL).content.decode()
    assert "Поне 10 знака." in html


@pytest.mark.parametrize("phone", ["abc", "123", "+44 20 7946 0958", "0888 123"])
def test_a_phone_that_is_no_bulgarian_number_is_refused(client, category, phone):
    response = submit(client, category, phone=phone)
    assert response.status_code == 200
    assert field_errors(response, "phone") == [
        "Въведете български телефонен номер, напр. 0888 123 456 или +359 2 123 4567."
    ]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0888 123 456", "+359888123456"),
        ("+359 888 123 456", "+359888123456"),
        ("00359888123456", "+359888123456"),
        ("02 123 4567", "+35921234567"),
    ],
)
def test_a_bulgarian_phone_is_kept_in_one_form(client, category, typed, stored):
    response = submit(client, category, phone=typed)
    assert response.status_code == 302
    assert Report.objects.get().submitter_phone == stored


def test_the_phone_may_be_left_empty(client, category):
    response = submit(client, category, phone="")
    assert response.status_code == 302
    assert Report.objects.get().submitter_phone == ""
