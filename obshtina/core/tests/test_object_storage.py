"""Uploaded files on S3-compatible object storage (MEDIA_STORAGE=s3).

The object store is real: moto's S3 server on loopback, with the settings the
deployment would set (config/settings.py reads them from the environment here).
Photos get addresses anyone can open; letters' attachments sit in the private
bucket, refused to anonymous requests, and reach their author through the view.
"""

import runpy
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer

from obshtina.core.storage import private_storage
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.citizen_helpers import PDF_BYTES, pdf_upload
from obshtina.correspondence.tests.test_citizen_filing import citizen, letter
from obshtina.reports.models import ReportPhoto
from obshtina.reports.tests.factories import CategoryFactory
from obshtina.reports.tests.submit_photos import photo_upload

pytestmark = pytest.mark.django_db
__all__ = ["citizen"]

SETTINGS = Path(__file__).resolve().parents[3] / "config" / "settings.py"
PORT = 8330  # in this project's helper "ops" range


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{PORT}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings, monkeypatch):
    """The buckets and the deployment's settings for them; returns an S3 client."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="operator",
        aws_secret_access_key="operator-secret",
        region_name="eu-central-1",
    )
    for bucket in ("obshtina-media", "obshtina-private"):
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
    for name, value in {
        "MEDIA_STORAGE": "s3",
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "eu-central-1",
        "S3_BUCKET": "obshtina-media",
        "S3_PRIVATE_BUCKET": "obshtina-private",
        "S3_ACCESS_KEY_ID": "operator",
        "S3_SECRET_ACCESS_KEY": "operator-secret",
    }.items():
        monkeypatch.setenv(name, value)
    deployed = runpy.run_path(str(SETTINGS))["STORAGES"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": deployed["default"],
        "private": deployed["private"],
    }
    yield client
    for bucket in ("obshtina-media", "obshtina-private"):
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def keys(client, bucket):
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_report_s_photo_is_in_the_public_bucket_at_its_address(client, s3, s3_server):
    response = client.post(
        reverse("reports:submit"),
        {
            "category": CategoryFactory().pk,
            "description": "Дълбока дупка пред училището",
            "latitude": "42.3371",
            "longitude": "23.5530",
            "photos": [photo_upload()],
        },
    )
    assert response.status_code == 302
    photo = ReportPhoto.objects.get()
    assert keys(s3, "obshtina-media") == [photo.image.name]
    assert keys(s3, "obshtina-private") == []
    assert photo.image.url == f"{s3_server}/obshtina-media/{photo.image.name}"
    status, body = anonymous_get(photo.image.url)
    assert status == 200
    assert body[:2] == b"\xff\xd8"  # the JPEG the site stored


def test_a_letter_s_attachment_is_private_and_streamed_to_its_author(
    client, citizen, s3, s3_server
):
    response = client.post(
        reverse("correspondence:new"), letter(attachments=[pdf_upload("молба.pdf")])
    )
    assert response.status_code == 302
    item = Correspondence.objects.get(author=citizen)
    attachment = item.attachments.get()
    assert keys(s3, "obshtina-private") == [attachment.file.name]
    assert keys(s3, "obshtina-media") == []

    status, _ = anonymous_get(f"{s3_server}/obshtina-private/{attachment.file.name}")
    assert status == 403
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    with pytest.raises(ValueError):
        private_storage.url(attachment.file.name)

    download = client.get(reverse("correspondence:attachment", args=[item.number, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_without_settings_files_stay_in_folders(settings):
    photo = default_storage.save("reports/a.jpg", ContentFile(b"photo"))
    document = private_storage.save("letters/a.pdf", ContentFile(b"document"))
    assert (Path(settings.MEDIA_ROOT) / photo).read_bytes() == b"photo"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document).read_bytes() == b"document"
    with pytest.raises(ValueError):
        private_storage.url(document)
