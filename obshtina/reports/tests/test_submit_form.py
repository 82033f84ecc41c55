"""Submitting a report through "Подай сигнал" (/reports/new/)."""

import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Settlement
from obshtina.reports.models import Report

from .factories import CategoryFactory
from .submit_photos import photo_upload, text_as_jpeg

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


def form_data(category, **overrides):
    data = {
        "category": category.pk,
        "description": "Дълбока дупка пред училището",
        "latitude": "42.3371",
        "longitude": "23.5530",
        "address": "ул. Търговска 14",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_page_shows_the_map_and_the_form(client, category):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="report-map"' in html
    assert "Моето местоположение" in html
    assert category.name in html
    assert 'enctype="multipart/form-data"' in html


def test_an_anonymous_citizen_submits_with_a_photo_and_sees_the_number(
    client, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            form_data(category, photos=[photo_upload()], name="Мария", email="maria@example.bg"),
        )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:submitted", args=[report.access_token])
    page = client.get(response["Location"]).content.decode()
    assert report.number in page
    assert timezone.localtime(report.created_at).strftime("%d.%m.%Y %H:%M") in page
    assert "Изпратихме ви имейл" in page
    assert report.submitter_name == "Мария"
    assert report.author is None
    assert report.number in mail.outbox[0].subject


def test_the_stored_photo_has_no_exif(client, category):
    client.post(URL, form_data(category, photos=[photo_upload(), photo_upload()]))
    photos = Report.objects.get().photos.all()
    assert len(photos) == 2
    for photo in photos:
        with photo.image.open("rb") as stored:
            data = stored.read()
        assert not Image.open(io.BytesIO(data)).getexif()
        assert b"TestPhone" not in data


def test_without_an_email_the_confirmation_does_not_promise_one(client, category):
    response = client.post(URL, form_data(category), follow=True)
    assert Report.objects.get().number in response.content.decode()
    assert "Изпратихме ви имейл" not in response.content.decode()


def test_an_unknown_confirmation_token_is_404(client):
    assert client.get(reverse("reports:submitted", args=["no-such-token"])).status_code == 404


def test_a_place_outside_the_municipality_is_refused_next_to_the_map(client, category):
    response = client.post(URL, form_data(category, latitude="42.6977", longitude="23.3219"))
    assert response.status_code == 200
    assert not Report.objects.exists()
    form = response.context["form"]
    assert form.errors["latitude"] == ["Мястото е извън територията на общината."]
    html = response.content.decode()
    location_block = html.split('id="location-errors"')[1].split("</div>")[0]
    assert "извън територията на общината" in location_block
    assert "Дълбока дупка пред училището" in html


def test_an_empty_description_is_refused(client, category):
    response = client.post(URL, form_data(category, description="   "))
    assert not Report.objects.exists()
    assert "description" in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_settlement_without_coordinates_uses_the_settlements_centre(client, category):
    village = Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)
    client.post(URL, form_data(category, latitude="", longitude="", settlement=village.pk))
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == (42.2392, 23.4722)
    assert report.settlement == village


def test_without_a_place_the_citizen_is_asked_for_one(client, category):
    response = client.post(URL, form_data(category, latitude="", longitude=""))
    assert not Report.objects.exists()
    assert response.context["form"].errors["latitude"] == [
        "Отбележете мястото на картата или изберете населено място."
    ]


def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(client, category):
    response = client.post(URL, form_data(category, photos=[text_as_jpeg()]))
    assert not Report.objects.exists()
    errors = response.context["form"].errors["photos"]
    assert errors == ["„snimka.jpg“: Файлът не е изображение (JPEG, PNG или WebP)."]
    assert "Дълбока дупка пред училището" in response.content.decode()


def test_too_many_photos_are_refused(client, category, settings):
    settings.REPORT_MAX_PHOTOS = 2
    photos = [photo_upload(f"{n}.jpg") for n in range(3)]
    response = client.post(URL, form_data(category, photos=photos))
    assert not Report.objects.exists()
    assert response.context["form"].errors["photos"] == ["Може да прикачите най-много 2 снимки."]


def test_good_photos_sent_with_another_error_must_be_attached_again(client, category):
    response = client.post(URL, form_data(category, description="", photos=[photo_upload()]))
    assert response.context["form"].errors["photos"] == ["Прикачете снимките отново."]


def test_a_signed_in_citizen_is_the_submitter_whatever_the_form_says(client, category):
    user = UserFactory(first_name="Мария", last_name="Иванова", email="maria@example.bg")
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert "maria@example.bg" in page
    client.post(URL, form_data(category, name="Някой друг", email="other@example.bg"))
    report = Report.objects.get()
    assert report.author == user
    assert report.submitter_name == "Мария Иванова"
    assert report.submitter_email == "maria@example.bg"
    assert report.submitter_phone == "+359888123456"
