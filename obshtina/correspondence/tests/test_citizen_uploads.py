"""Documents are accepted by what they contain, not by their name (obshtina.core.uploads)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.core import uploads
from obshtina.core.uploads import validate_document

from .citizen_helpers import PDF_BYTES, docx_bytes, odt_bytes, png_bytes, zip_bytes

OLE = bytes.fromhex("D0CF11E0A1B11AE1")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    # The browser's content type is a lie on purpose: it must not matter.
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, data))
    return error.value.messages[0]


def test_a_pdf_is_accepted():
    assert validate_document(upload("a.pdf", PDF_BYTES)) == "application/pdf"


def test_a_png_is_accepted_whatever_its_name():
    assert validate_document(upload("снимка.pdf", png_bytes())) == "image/png"


def test_a_docx_is_accepted():
    assert validate_document(upload("писмо.docx", docx_bytes())) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_an_odt_is_accepted():
    assert validate_document(upload("писмо.odt", odt_bytes())) == (
        "application/vnd.oasis.opendocument.text"
    )


def test_a_legacy_word_file_is_accepted():
    data = OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 100
    assert validate_document(upload("писмо.doc", data)) == "application/msword"


def test_the_upload_is_left_at_the_start_for_storing():
    file = upload("a.pdf", PDF_BYTES)
    validate_document(file)
    assert file.read(5) == b"%PDF-"


def test_a_text_file_renamed_to_pdf_is_refused():
    assert "не е в разрешен формат" in refusal("договор.pdf", "Просто текст.".encode())


def test_a_program_is_refused():
    assert "не е в разрешен формат" in refusal("docs.pdf", b"MZ\x90\x00" + b"\0" * 200)


def test_an_ordinary_zip_archive_is_refused():
    assert "не е в разрешен формат" in refusal("a.docx", zip_bytes({"readme.txt": b"hi"}))


def test_an_ole_file_that_is_not_an_office_document_is_refused():
    # An .msi installer is an OLE file too.
    assert "не е в разрешен формат" in refusal("a.doc", OLE + b"\0" * 600)


def test_a_zip_bomb_dressed_as_a_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _megabyte in range(uploads.MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert len(buffer.getvalue()) < 1024 * 1024
    assert "прекалено голям" in refusal("bomb.docx", buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused_before_reading_it(settings):
    settings.UPLOAD_MAX_DOCUMENT_BYTES = 1024 * 1024
    assert "по-голям от 1 MB" in refusal("big.pdf", PDF_BYTES + b"\0" * (1024 * 1024))


def test_an_empty_file_is_refused():
    assert "празен" in refusal("empty.pdf", b"")


def test_the_virus_scanner_named_in_settings_can_refuse_a_file(settings):
    settings.DOCUMENT_SCANNER = f"{__name__}.refusing_scanner"
    assert refusal("a.pdf", PDF_BYTES) == "Открит е вирус."


def test_the_virus_scanner_sees_files_it_accepts(settings):
    settings.DOCUMENT_SCANNER = f"{__name__}.recording_scanner"
    scanned.clear()
    validate_document(upload("a.pdf", PDF_BYTES))
    assert scanned == [PDF_BYTES]


scanned: list[bytes] = []


def refusing_scanner(upload) -> None:
    raise ValidationError("Открит е вирус.")


def recording_scanner(upload) -> None:
    scanned.append(upload.read())
