"""POST /api/v1/reports: a report with photos, by anyone; the same rules as the site's form."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Settlement
from obshtina.reports.models import CategoryQuestion, Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory
from obshtina.reports.tests.submit_photos import jpeg_bytes, photo_upload, text_as_jpeg

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def submit(client, *, headers=None, **fields):
    data = {
        "category": fields.pop("category", None) or CategoryFactory().pk,
        "description": "Паднало дърво на тротоара",
        "lat": SAMOKOV[0],
        "lng": SAMOKOV[1],
        **fields,
    }
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(f"{API}reports", data, headers=headers or {})


def test_an_anonymous_citizen_submits_a_report_and_gets_its_number_and_private_link(client):
    response = submit(client, email="maria@example.bg")
    assert response.status_code == 201
    body = response.json()
    report = Report.objects.get(number=body["number"])
    assert body["status"] == "new"
    assert body["url"] == f"http://testserver{report.get_absolute_url()}"
    assert body["access_url"] == f"http://testserver{report.get_access_url()}"
    assert report.channel == Report.Channel.API
    assert report.submitter_email == "maria@example.bg"


def test_photos_are_cleaned_and_stored_without_their_metadata(client):
    response = submit(
        client, photos=[photo_upload(), photo_upload("2.jpg", jpeg_bytes((800, 600)))]
    )
    assert response.status_code == 201
    report = Report.objects.get(number=response.json()["number"])
    photos = list(report.photos.all())
    assert len(photos) == 2
    assert b"GPS" not in photos[0].image.read()


def test_a_file_that_is_not_an_image_is_refused_with_a_message_on_photos(client):
    response = submit(client, photos=[text_as_jpeg()])
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "не е изображение" in body["fields"]["photos"][0]
    assert not Report.objects.exists()


def test_more_photos_than_allowed_are_refused(client, settings):
    settings.REPORT_MAX_PHOTOS = 1
    response = submit(client, photos=[photo_upload(), photo_upload("2.jpg")])
    assert response.status_code == 400
    assert "най-много 1" in response.json()["fields"]["photos"][0]


def test_a_place_outside_the_municipality_is_refused_on_lat(client):
    response = submit(client, lat=43.2, lng=27.9)
    assert response.status_code == 400
    assert response.json()["fields"]["lat"] == ["Мястото е извън територията на общината."]


def test_without_a_place_the_citizen_is_asked_for_one(client):
    response = submit(client, lat="", lng="")
    assert response.status_code == 400
    assert "изберете населено място" in response.json()["fields"]["lat"][0]


def test_a_settlement_alone_places_the_report_at_its_centre(client):
    settlement = Settlement.objects.create(
        name="Говедарци", latitude="42.240000", longitude="23.470000"
    )
    response = submit(client, lat="", lng="", settlement=settlement.pk)
    assert response.status_code == 201
    report = Report.objects.get(number=response.json()["number"])
    assert (report.latitude, report.longitude) == (42.24, 23.47)


def test_a_missing_description_and_a_bad_category_are_named_in_bulgarian(client):
    response = client.post(f"{API}reports", {"category": "дърво", "lat": SAMOKOV[0]})
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["category"] == ["Въведете цяло число."]
    assert fields["description"] == ["Полето е задължително."]


def test_an_inactive_category_is_refused(client):
    category = CategoryFactory(is_active=False)
    response = submit(client, category=category.pk)
    assert response.status_code == 400
    assert "category" in response.json()["fields"]


def test_a_signed_in_citizen_files_it_under_their_account_with_their_profile_data(client):
    user = UserFactory()
    response = submit(client, headers=bearer(user), name="Някой друг", email="other@example.bg")
    assert response.status_code == 201
    report = Report.objects.get(number=response.json()["number"])
    assert report.author == user
    assert report.submitter_email == user.email


def test_a_categorys_questions_and_urgent_stop_are_in_the_api_too(client):
    lamps = CategoryFactory(
        name="Улично осветление",
        notice="Номерът е на стълба.",
        urgent_question="Има ли паднал стълб?",
        urgent_notice="Обадете се на 112.",
    )
    pole = CategoryQuestion.objects.create(
        category=lamps, label="Номер на стълба", is_required=True
    )
    listed = client.get(f"{API}categories").json()["items"]
    (item,) = [category for category in listed if category["id"] == lamps.pk]
    assert item["urgent_question"] == "Има ли паднал стълб?"
    assert item["questions"] == [
        {"id": pole.pk, "label": "Номер на стълба", "help_text": "", "required": True}
    ]
    base = {
        "category": lamps.pk,
        "description": "Не свети лампата пред блок 5",
        "lat": 42.337,
        "lng": 23.5528,
    }
    missing = client.post(f"{API}reports", {**base, "urgent": "no"})
    assert missing.status_code == 400 and "answers" in missing.json()["fields"]
    urgent = client.post(
        f"{API}reports", {**base, "urgent": "yes", "answers": f'{{"{pole.pk}": "С-1"}}'}
    )
    assert urgent.status_code == 400 and "112" in urgent.json()["fields"]["urgent"][0]
    broken = client.post(f"{API}reports", {**base, "urgent": "no", "answers": "[1]"})
    assert broken.status_code == 400 and "answers" in broken.json()["fields"]
    created = client.post(
        f"{API}reports", {**base, "urgent": "no", "answers": f'{{"{pole.pk}": "С-0412"}}'}
    )
    assert created.status_code == 201, created.json()
    assert Report.objects.get().answers == [{"question": "Номер на стълба", "answer": "С-0412"}]
