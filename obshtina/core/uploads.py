"""Documents people upload (letters' attachments): checked by content, never by name.

``clean_document(upload)`` is how a letter's attachment reaches storage: it
validates the file and returns it with its content type, an image saved again
without its EXIF/GPS metadata (``images.clean_document_image``).

``validate_document(upload)`` accepts PDF, JPEG/PNG/WebP images, Office Open XML
(.docx/.xlsx/.pptx), OpenDocument (.odt/.ods/.odp) and legacy Office files
(.doc/.xls/.ppt), and returns the content type it found. A file whose bytes
are none of these — a renamed text file, a program, an archive — is refused,
whatever its name says. A PDF is parsed (``pdfs.check_pdf``): a damaged one,
or one that opens only with a password, is refused.

Deployments may add a virus scan: ``DOCUMENT_SCANNER`` is the dotted path of a
callable ``scanner(upload)`` that raises ``ValidationError`` for a bad file
(default: no scan). It runs after the format check, on files already accepted.

``MultipleFilesField`` is the form field for "several files in one input": a
limit on their number, each file cleaned by ``clean_file``, errors naming the file.
"""

import io
import warnings
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .images import DECODE_ERRORS, MAX_PIXELS, clean_document_image
from .pdfs import check_pdf

PDF = "application/pdf"
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Office Open XML: the part a package must hold → its content type.
OOXML_TYPES = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OPENDOCUMENT_TYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)
# Legacy Office files are OLE compound files; the stream names (UTF-16) tell
# Word from Excel from PowerPoint, and keep out other OLE files such as installers.
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
OLE_STREAMS = (
    ("WordDocument", "application/msword"),
    ("Workbook", "application/vnd.ms-excel"),
    ("Book", "application/vnd.ms-excel"),
    ("PowerPoint Document", "application/vnd.ms-powerpoint"),
)
ZIP_MAGIC = b"PK\x03\x04"
# A real office document unpacks to a few megabytes in a few hundred parts;
# far more is a "zip bomb" meant to exhaust whoever opens it.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000

NOT_ALLOWED = _(
    "Файлът не е в разрешен формат. Приемат се PDF, изображения (JPEG, PNG, WebP) и "
    "офис документи (Word, Excel, PowerPoint, OpenDocument)."
)
EMPTY = _("Файлът е празен.")
TOO_BIG = _("Файлът е по-голям от %(max)s MB.")
ARCHIVE_TOO_BIG = _("Документът е повреден или разархивиран е прекалено голям.")


def validate_document(upload) -> str:
    """Return the content type of an acceptable document, or raise ``ValidationError``.

    ``upload`` is a Django ``UploadedFile`` or any binary file object; it is
    left at position 0.
    """
    data = _read_limited(upload)
    content_type = _detect(data)
    _scan(upload)
    upload.seek(0)
    return content_type


def clean_document(upload) -> tuple:
    """``(file, content type)`` for an acceptable document, or ``ValidationError``.

    The file is ``upload`` itself, except for an image: then a new file of the
    same name and format holding only the pixels, turned upright.
    """
    content_type = validate_document(upload)
    if content_type not in IMAGE_TYPES.values():
        return upload, content_type
    clean = ContentFile(clean_document_image(_read_limited(upload)), name=upload.name)
    return clean, content_type


def _read_limited(upload) -> bytes:
    max_bytes = settings.UPLOAD_MAX_DOCUMENT_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data:
        raise ValidationError(EMPTY, code="empty")
    return data


def _too_big(max_bytes: int) -> ValidationError:
    return ValidationError(
        TOO_BIG, code="too_big", params={"max": f"{max_bytes / (1024 * 1024):g}"}
    )


def _detect(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        check_pdf(data)
        return PDF
    if data.startswith(ZIP_MAGIC):
        return _zip_document_type(data)
    if data.startswith(OLE_MAGIC):
        return _ole_document_type(data)
    if settings.SIGNATURES_ENABLED:
        from obshtina.signatures.formats import signature_container_type

        signed_type = signature_container_type(data)
        if signed_type:
            return signed_type
    return _image_type(data)


def _image_type(data: bytes) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image_format = image.format
                image.verify()
    except DECODE_ERRORS as error:
        raise ValidationError(NOT_ALLOWED, code="not_allowed") from error
    if image_format not in IMAGE_TYPES or width * height > MAX_PIXELS:
        raise ValidationError(NOT_ALLOWED, code="not_allowed")
    return IMAGE_TYPES[image_format]


def _zip_document_type(data: bytes) -> str:
    """Office Open XML or OpenDocument; any other archive is refused.

    Only the archive's directory and the tiny "mimetype" entry are read, so a
    zip bomb is never unpacked here; its declared sizes refuse it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if (
                len(entries) > MAX_ZIP_ENTRIES
                or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
            ):
                raise ValidationError(ARCHIVE_TOO_BIG, code="archive_too_big")
            names = [entry.filename for entry in entries]
            if entries and names[0] == "mimetype":
                with archive.open(entries[0]) as member:
                    mimetype = member.read(100).decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT_TYPES:
                    return mimetype
            if "[Content_Types].xml" in names:
                for prefix, content_type in OOXML_TYPES.items():
                    if any(name.startswith(prefix) for name in names):
                        return content_type
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ValidationError(NOT_ALLOWED, code="not_allowed") from error
    raise ValidationError(NOT_ALLOWED, code="not_allowed")


def _ole_document_type(data: bytes) -> str:
    for stream, content_type in OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return content_type
    raise ValidationError(NOT_ALLOWED, code="not_allowed")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFilesField(forms.FileField):
    """Several files in one input, at most ``max_files``; each goes through
    ``clean_file`` and the errors name the file they belong to.

    Subclasses set ``max_files`` and ``too_many`` and override ``clean_file``;
    the cleaned value is the list of what ``clean_file`` returned.
    """

    widget = MultipleFileInput
    max_files = 5
    too_many = _("Може да прикачите най-много %(max)s файла.")

    def clean_file(self, upload):
        return upload

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if not uploads:
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(self.too_many, params={"max": self.max_files})
        cleaned, errors = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            try:
                cleaned.append(self.clean_file(upload))
            except ValidationError as error:
                errors.extend(
                    _("„%(file)s“: %(error)s") % {"file": upload.name, "error": message}
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


def _scan(upload) -> None:
    scanner_path = getattr(settings, "DOCUMENT_SCANNER", None)
    if not scanner_path:
        return
    upload.seek(0)
    import_string(scanner_path)(upload)
