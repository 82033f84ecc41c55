"""Real image files for the submission tests, made with Pillow."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def jpeg_bytes(size=(640, 480), *, gps=True, orientation=None, noise=False) -> bytes:
    """A JPEG as a phone makes it: camera make and, by default, GPS coordinates."""
    image = Image.effect_noise(size, 64).convert("RGB") if noise else Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhone"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (42.0, 20.0, 13.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (23.0, 33.0, 10.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, comment=b"secret comment")
    return output.getvalue()


def photo_upload(name="snimka.jpg", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or jpeg_bytes(), content_type="image/jpeg")


def text_as_jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("snimka.jpg", b"not an image at all\n" * 50, "image/jpeg")
