"""POST requests: a client with a key registers a report, as a citizen on the site would."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from PIL import Image

from obshtina.api.models import Open311Token
from obshtina.organization.models import Settlement
from obshtina.reports.models import Report
from obshtina.reports.tests.submit_photos import photo_upload

from .open311_helpers import FORMATS, open311_client, post_request, read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_client_with_a_key_registers_a_report_and_gets_its_number(client, fmt):
    response = post_request(client, fmt, description="Дупка пред читалището")
    assert response.status_code == 200
    (answer,) = read(response, "service_requests")
    report = Report.objects.get()
    assert answer["service_request_id"] == report.number
    assert report.number in answer["service_notice"]
    assert report.unit.name in answer["service_notice"]
    assert "account_id" not in answer
    assert report.description == "Дупка пред читалището"
    assert report.channel == Report.Channel.API


def test_machine_clients_need_no_csrf_token():
    response = post_request(Client(enforce_csrf_checks=True), "json")
    assert response.status_code == 200


def test_the_answer_carries_a_token_that_leads_to_the_report(client):
    (answer,) = read(post_request(client, "json"), "service_requests")
    token = Open311Token.objects.get(token=answer["token"])
    assert token.report == Report.objects.get()
    assert token.token != token.report.access_token


def test_the_submitters_details_are_kept_for_the_municipality(client):
    post_request(
        client,
        "xml",
        first_name="Иван",
        last_name="Петров",
        email="ivan.petrov@example.bg",
        phone="0888 123 456",
        address_string="ул. Търговска 5",
    )
    report = Report.objects.get()
    assert report.submitter_name == "Иван Петров"
    assert report.submitter_email == "ivan.petrov@example.bg"
    assert report.submitter_phone == "0888 123 456"
    assert report.address == "ул. Търговска 5"


def test_the_submitter_gets_the_e_mail_with_the_private_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_request(client, "json", email="ivan.petrov@example.bg")
    report = Report.objects.get()
    (message,) = mail.outbox
    assert report.number in message.subject
    assert report.get_access_url() in message.body


def test_the_client_is_marked_as_used(client):
    key_owner = open311_client()
    post_request(client, "json", api_key=key_owner.api_key)
    key_owner.refresh_from_db()
    assert key_owner.last_used_at is not None
    assert Open311Token.objects.get().client == key_owner


def test_without_coordinates_a_settlement_named_in_the_address_is_used(client):
    Settlement.objects.create(name="Самоков", kind="town", latitude=42.337, longitude=23.5528)
    village = Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)
    response = post_request(
        client,
        "json",
        lat=None,
        long=None,
        address_string="до моста, с. Говедарци, община Самоков",
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.settlement == village
    assert (report.latitude, report.longitude) == (42.2392, 23.4722)


def test_a_photo_sent_as_media_is_stored_without_its_camera_data(client):
    response = post_request(client, "xml", media=photo_upload())
    assert response.status_code == 200
    (photo,) = Report.objects.get().photos.all()
    with Image.open(photo.image) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_a_media_url_is_accepted_but_not_fetched(client):
    response = post_request(client, "json", media_url="http://10.0.0.1/secret.jpg")
    assert response.status_code == 200
    assert not Report.objects.get().photos.exists()


def test_the_jurisdiction_id_is_accepted_as_this_endpoint_serves_one_municipality(client):
    response = post_request(client, "json", jurisdiction_id="samokov.bg")
    assert response.status_code == 200
