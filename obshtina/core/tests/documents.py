"""Real files for upload tests: what a citizen's scanner or phone would produce."""

import io

from PIL import Image
from pypdf import PdfWriter

# GPS tags of the EXIF block (the GPS IFD's tag numbers).
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def pdf_bytes(*, pages: int = 1, user_password: str = "", owner_password: str = "") -> bytes:
    """A PDF that every reader opens, optionally protected by passwords."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password or owner_password:
        writer.encrypt(user_password, owner_password=owner_password or None, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def photo_with_gps(image_format: str = "JPEG", *, size=(40, 20), orientation: int = 1) -> bytes:
    """A photo as a phone writes it: EXIF with the camera, the place (GPS) and
    the orientation."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "Телефон Марка"  # Make
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update(
        {
            GPS_LATITUDE_REF: "N",
            GPS_LATITUDE: (42.0, 20.0, 12.5),
            GPS_LONGITUDE_REF: "E",
            GPS_LONGITUDE: (23.0, 33.0, 10.0),
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue()
