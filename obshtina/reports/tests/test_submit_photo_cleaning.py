"""``obshtina.core.images.clean_image``: what reaches storage is a clean JPEG."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from obshtina.core.images import clean_image

from .submit_photos import jpeg_bytes, photo_upload, text_as_jpeg


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_the_test_photo_really_carries_gps_data():
    assert opened(jpeg_bytes()).getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_phone_photo_comes_out_as_jpeg_without_exif_gps_or_comment():
    cleaned = clean_image(photo_upload())
    image = opened(cleaned)
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info
    assert "comment" not in image.info
    assert b"TestPhone" not in cleaned


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_image(text_as_jpeg())
    assert error.value.messages == ["Файлът не е изображение (JPEG, PNG или WebP)."]


def test_a_gif_is_refused_although_it_is_an_image():
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "GIF")
    with pytest.raises(ValidationError, match="не е изображение"):
        clean_image(SimpleUploadedFile("a.gif", output.getvalue()))


def test_a_photo_over_the_size_limit_is_refused_before_decoding(settings):
    settings.UPLOAD_MAX_IMAGE_BYTES = 2 * 1024 * 1024
    big = photo_upload(content=jpeg_bytes((3000, 3000), noise=True))
    assert big.size > settings.UPLOAD_MAX_IMAGE_BYTES
    with pytest.raises(ValidationError) as error:
        clean_image(big)
    assert error.value.messages == ["Снимката е по-голяма от 2 MB."]


def test_a_4000_pixel_photo_is_resized_to_1600_on_the_long_side():
    image = opened(clean_image(photo_upload(content=jpeg_bytes((4000, 3000)))))
    assert image.size == (1600, 1200)


def test_a_photo_taken_sideways_is_turned_upright():
    image = opened(clean_image(photo_upload(content=jpeg_bytes((400, 200), orientation=6))))
    assert image.size == (200, 400)


def test_a_transparent_png_becomes_a_jpeg_on_white():
    output = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(output, "PNG")
    image = opened(clean_image(SimpleUploadedFile("a.png", output.getvalue())))
    assert image.format == "JPEG"
    assert image.getpixel((10, 10)) == (255, 255, 255)


def test_a_decompression_bomb_is_refused():
    output = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(output, "PNG")  # tiny file, 144 megapixels
    with pytest.raises(ValidationError, match="не е изображение"):
        clean_image(SimpleUploadedFile("bomb.png", output.getvalue()))
