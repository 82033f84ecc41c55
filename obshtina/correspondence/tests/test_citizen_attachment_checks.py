"""A letter's files through the real form: a PDF must open, and images keep no
EXIF/GPS metadata (obshtina.core.pdfs, obshtina.core.images)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from obshtina.core.tests.documents import GPS_IFD, pdf_bytes, photo_with_gps
from obshtina.correspondence.models import Correspondence

from .citizen_helpers import private_media
from .test_citizen_filing import citizen, letter

pytestmark = pytest.mark.django_db

URL = reverse("correspondence:new")
__all__ = ["citizen", "private_media"]


def attach(client, name: str, data: bytes):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(URL, letter(attachments=[upload]))


def stored_file(citizen) -> bytes:
    attachment = Correspondence.objects.get(author=citizen).attachments.get()
    with attachment.file.open("rb") as handle:
        return handle.read()


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table around the given objects."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


DAMAGED = "„молба.pdf“: PDF файлът е повреден и не може да бъде отворен."


def test_a_pdf_header_with_a_broken_body_is_refused_and_the_citizen_told_why(client, citizen):
    response = attach(client, "молба.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 500)
    page = response.content.decode()
    assert response.status_code == 200
    assert DAMAGED in page
    assert 'value="Ремонт на улица"' in page  # nothing typed is lost
    assert not Correspondence.objects.exists()


def test_a_pdf_cut_off_half_way_is_refused(client, citizen):
    whole = pdf_bytes(pages=3)
    assert DAMAGED in attach(client, "молба.pdf", whole[: len(whole) // 2]).content.decode()


def test_a_pdf_without_pages_is_refused(client, citizen):
    empty = minimal_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])
    assert DAMAGED in attach(client, "молба.pdf", empty).content.decode()


def test_a_page_tree_that_loops_is_refused_at_once(client, citizen):
    loop = minimal_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[2 0 R]/Count 1>>"])
    assert DAMAGED in attach(client, "молба.pdf", loop).content.decode()


def test_a_pdf_that_needs_a_password_is_refused(client, citizen):
    page = attach(client, "молба.pdf", pdf_bytes(user_password="тайна")).content.decode()
    assert "„молба.pdf“: PDF файлът е защитен с парола" in page
    assert not Correspondence.objects.exists()


def test_a_pdf_with_only_printing_restrictions_is_accepted(client, citizen):
    attach(client, "молба.pdf", pdf_bytes(owner_password="собственик"))
    assert Correspondence.objects.get(author=citizen).attachments.count() == 1


def test_a_real_pdf_is_stored_unchanged(client, citizen):
    original = pdf_bytes(pages=2)
    attach(client, "молба.pdf", original)
    assert stored_file(citizen) == original


@pytest.mark.parametrize(
    ("image_format", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")],
)
def test_an_attached_photo_loses_its_exif_and_gps_and_keeps_its_format(
    client, citizen, image_format, content_type
):
    original = photo_with_gps(image_format)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the phone wrote GPS
    attach(client, "снимка", original)
    attachment = Correspondence.objects.get(author=citizen).attachments.get()
    stored = Image.open(io.BytesIO(stored_file(citizen)))
    assert stored.format == image_format
    assert attachment.content_type == content_type
    assert not stored.getexif()
    assert b"Exif" not in stored_file(citizen)
    assert stored.size == (40, 20)  # not shrunk: scanned pages stay legible
    assert attachment.size == len(stored_file(citizen))


def test_an_attached_photo_is_turned_the_right_way_up(client, citizen):
    attach(client, "снимка.jpg", photo_with_gps("JPEG", size=(40, 20), orientation=6))
    assert Image.open(io.BytesIO(stored_file(citizen))).size == (20, 40)
