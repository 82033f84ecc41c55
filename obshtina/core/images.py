"""Photos citizens upload: checked by content, re-encoded and stripped of metadata.

``clean_image(upload)`` is the one way an uploaded photo reaches storage
(ARCHITECTURE.md, rule 5): whatever the file claims to be, Pillow must decode
it as JPEG, PNG or WebP (HEIC too when a HEIF plugin is installed). The result
is a fresh JPEG of at most ``MAX_SIDE`` pixels on the long side, turned the
right way up, with no EXIF, GPS, XMP, ICC or comment data left in it.

``clean_document_image(data)`` does the same for an image attached to a letter,
but keeps its format (JPEG, PNG, WebP) and its size: such images are often
scanned pages, whose text must stay legible.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
JPEG_QUALITY = 85
# A 10 MB photo from any phone camera is far below this; a "decompression bomb"
# (a tiny file that unpacks into gigabytes) is far above it.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF"})
# An attached image is saved again in the format it came in (a phone's MPO is a JPEG).
DOCUMENT_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
DOCUMENT_SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}

# What Pillow raises for a file that is not a sound image (or is a decompression bomb).
DECODE_ERRORS = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    SyntaxError,
    ValueError,
)

NOT_AN_IMAGE = _("Файлът не е изображение (JPEG, PNG или WebP).")
TOO_BIG = _("Снимката е по-голяма от %(max)s MB.")


def clean_image(upload) -> bytes:
    """Return the upload as clean JPEG bytes, or raise ``ValidationError``.

    ``upload`` is a Django ``UploadedFile`` or any binary file object.
    """
    max_bytes = settings.UPLOAD_MAX_IMAGE_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(data)
    except DECODE_ERRORS as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error


def clean_document_image(data: bytes) -> bytes:
    """``data`` (an image already accepted by ``obshtina.core.uploads``) saved
    again in its own format and size, upright, with only its pixels.

    Raises ``ValidationError`` if the image cannot be decoded after all.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                _check_header(image)
                output_format = DOCUMENT_FORMATS.get(image.format)
                if output_format is None:
                    raise ValueError(f"format {image.format} not kept for documents")
                upright = ImageOps.exif_transpose(image)
                clean = _flatten(upright) if output_format == "JPEG" else _pixels_only(upright)
    except DECODE_ERRORS as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    output = io.BytesIO()
    clean.save(output, output_format, **DOCUMENT_SAVE_OPTIONS[output_format])
    return output.getvalue()


def _too_big(max_bytes: int) -> ValidationError:
    megabytes = f"{max_bytes / (1024 * 1024):g}"
    return ValidationError(TOO_BIG, code="too_big", params={"max": megabytes})


def _reencode(data: bytes) -> bytes:
    # verify() reads the whole file without decoding pixels and leaves the
    # image unusable, so the file is opened a second time to decode it.
    with Image.open(io.BytesIO(data)) as probe:
        _check_header(probe)
        probe.verify()
    with Image.open(io.BytesIO(data)) as image:
        _check_header(image)
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced scale
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        clean = _flatten(image)
    output = io.BytesIO()
    clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()


def _check_header(image: Image.Image) -> None:
    if image.format not in ALLOWED_FORMATS:
        raise ValueError(f"format {image.format} not accepted")
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise ValueError("image dimensions out of range")


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image with the pixels (and transparency) of ``image`` and nothing else."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "L" if image.mode in ("1", "L") else "RGB"
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    return clean


def _flatten(image: Image.Image) -> Image.Image:
    """A new RGB image with only the pixels: no ``info`` (comments, ICC, EXIF)
    is carried over; transparency becomes white rather than black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", rgba.size, "white")
        clean.paste(rgba, mask=rgba.getchannel("A"))
        return clean
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    return clean
