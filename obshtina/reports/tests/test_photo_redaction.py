"""A moderator blacks out parts of a photo (faces, number plates): the public sees only
the redacted copy, the photo as sent stays private to staff."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import ReportEvent, ReportPhoto

from .factories import UnitFactory
from .staff_helpers import add_photo, manage_url, officer_of, report_in

pytestmark = pytest.mark.django_db

WHITE, BLACK = (255, 255, 255), (0, 0, 0)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def white_photo(report) -> ReportPhoto:
    photo = add_photo(report)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), WHITE).save(buffer, "JPEG", quality=95)
    with photo.image.open("wb") as handle:
        handle.write(buffer.getvalue())
    return photo


def pixel(file, x: int, y: int):
    with file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read())).convert("RGB")
    return image.getpixel((x, y))


def close_to(colour, expected, tolerance=24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_the_marked_part_is_black_in_the_public_copy_and_the_original_is_kept(
    client, unit, officer, media
):
    report = report_in(unit)
    photo = white_photo(report)
    old_url = photo.image.url
    response = client.post(
        manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": "10,20,30,40"}
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.image.url != old_url  # the old address shows nothing any more
    assert close_to(pixel(photo.image, 50, 40), BLACK)  # inside 20..80 × 20..60
    assert close_to(pixel(photo.image, 150, 80), WHITE)
    assert close_to(pixel(photo.original, 50, 40), WHITE)
    public_page = client.get(report.get_absolute_url()).text
    assert photo.image.url in public_page and "original" not in public_page
    event = report.events.get(kind=ReportEvent.Kind.MODERATED)
    assert not event.is_public and event.data["redactions"] == [[0.1, 0.2, 0.3, 0.4]]


def test_a_second_redaction_starts_again_from_the_original(client, unit, officer, media):
    report = report_in(unit)
    photo = white_photo(report)
    client.post(manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": "0,0,20,20"})
    client.post(manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": "80,80,20,20"})
    photo.refresh_from_db()
    assert close_to(pixel(photo.image, 10, 10), WHITE)
    assert close_to(pixel(photo.image, 190, 95), BLACK)


def test_the_original_is_for_staff_of_the_report_only(client, unit, officer, media):
    report = report_in(unit)
    photo = white_photo(report)
    client.post(manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": "0,0,50,50"})
    url = reverse("reports:photo_original", args=[report.number, photo.pk])
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(officer_of(UnitFactory()))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("boxes", ["", "десет", "10,20,30", "90,10,20,10", "-5,0,10,10"])
def test_boxes_that_cannot_be_read_are_refused_and_nothing_changes(
    client, unit, officer, media, boxes
):
    report = report_in(unit)
    photo = white_photo(report)
    name = photo.image.name
    response = client.post(
        manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": boxes}
    )
    assert response.status_code == 400
    assert "част" in response.text
    photo.refresh_from_db()
    assert photo.image.name == name and not photo.original


def test_a_citizen_cannot_redact(client, unit, media):
    report = report_in(unit)
    photo = white_photo(report)
    client.force_login(UserFactory())
    client.post(manage_url(report), {"action": "redact", "photo": photo.pk, "boxes": "0,0,50,50"})
    photo.refresh_from_db()
    assert not photo.original
