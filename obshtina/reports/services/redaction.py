"""Blacking out parts of a report's photo (faces, number plates) before the public sees
them: the public image becomes a redacted copy, the photo as sent stays in private
storage for staff, and a new redaction always starts again from that original."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw

from obshtina.casework.timeline import in_bulgarian

from ..models import ReportEvent, ReportPhoto
from .errors import ReportError
from .events import report_event_record
from .workflow import _locked

MAX_BOXES = 20
JPEG_QUALITY = 85

NO_BOXES = _("Отбележете поне една част на снимката.")
BAD_BOX = _(
    "Частите се задават като x,y,ширина,височина в проценти от снимката, разделени с „;“, "
    "напр. 10,20,15,10."
)
TOO_MANY = _("Най-много %(max)s части на снимка.")


def parse_boxes(text: str) -> list[list[float]]:
    """ "10,20,15,10; 50,5,20,8" (percent of the photo) → [[0.1, 0.2, 0.15, 0.1], …];
    ReportError with the rule for anything else."""
    boxes = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        try:
            x, y, width, height = (float(value) for value in part.split(","))
        except ValueError:
            raise ReportError({"boxes": BAD_BOX}) from None
        # In percent, so that 80 + 20 is exactly the edge.
        if not (0 <= x < 100 and 0 <= y < 100 and width > 0 and height > 0) or (
            x + width > 100 or y + height > 100
        ):
            raise ReportError({"boxes": BAD_BOX})
        boxes.append([round(value / 100, 4) for value in (x, y, width, height)])
    if not boxes:
        raise ReportError({"boxes": NO_BOXES})
    if len(boxes) > MAX_BOXES:
        raise ReportError({"boxes": TOO_MANY % {"max": MAX_BOXES}})
    return boxes


@transaction.atomic
def report_photo_redact(*, photo: ReportPhoto, actor, boxes: list[list[float]]) -> ReportPhoto:
    """Replace the public image with the original blacked out in ``boxes`` (fractions of
    the width and height); the original is kept privately on the first redaction."""
    _locked(photo.report, actor)
    photo = ReportPhoto.objects.select_for_update().get(pk=photo.pk)
    if not photo.original:
        with photo.image.open("rb") as source:
            photo.original.save("original.jpg", ContentFile(source.read()), save=False)
    with photo.original.open("rb") as source:
        image = Image.open(BytesIO(source.read()))
        image.load()
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for x, y, box_width, box_height in boxes:
        draw.rectangle(
            [x * width, y * height, (x + box_width) * width, (y + box_height) * height],
            fill=(0, 0, 0),
        )
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    old_name = photo.image.name
    # A new name: a copy kept anywhere under the old address never shows the original.
    photo.image.save("redacted.jpg", ContentFile(buffer.getvalue()), save=False)
    photo.width, photo.height = image.size
    photo.redactions = boxes
    photo.save(update_fields=["image", "width", "height", "original", "redactions"])
    photo.image.storage.delete(old_name)
    report_event_record(
        report=photo.report,
        kind=ReportEvent.Kind.MODERATED,
        actor=actor,
        internal_note=in_bulgarian(
            "На снимка %(photo)s са закрити %(count)s части.", photo=photo.pk, count=len(boxes)
        ),
        is_public=False,
        notify=False,
        data={"photo": photo.pk, "redactions": boxes},
    )
    return photo
