"""Submitting a report: checks, registry number, routing, photos, the submitter's e-mail."""

from collections.abc import Sequence
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from obshtina.organization.models import Settlement, Unit
from obshtina.organization.selectors import contact_centre_unit, current_municipality
from obshtina.registry.services import registry_number_assign

from ..models import Category, Report, ReportEvent, ReportPhoto, RoutingRule, report_photo_path
from . import notify
from .alerts import NEW, area_alerts_after_commit
from .deadlines import report_due_at
from .errors import ReportError
from .events import report_event_record


def report_route(*, category: Category, settlement: Settlement | None) -> Unit:
    """The unit in charge: a rule for the settlement, a rule for the municipality,
    the category's own unit, and else the contact centre — a report is never lost."""
    rules = RoutingRule.objects.filter(category=category).select_related("unit")
    rule = (settlement and rules.filter(settlement=settlement).first()) or rules.filter(
        settlement__isnull=True
    ).first()
    unit = (rule and rule.unit) or category.unit or contact_centre_unit()
    if unit is None:
        raise ReportError(
            _("Няма звено, което да приеме сигнала. Обадете се на контактния център.")
        )
    return unit


def report_submit(
    *,
    category: Category,
    description: str,
    latitude: float,
    longitude: float,
    settlement: Settlement | None = None,
    address: str = "",
    photos: Sequence[bytes] = (),
    submitter_name: str = "",
    submitter_email: str = "",
    submitter_phone: str = "",
    author=None,
    channel: str = Report.Channel.WEB,
    answers: Sequence[dict] = (),
) -> Report:
    """Register a report and route it by competence.

    `photos` are already cleaned JPEG bytes (see ``obshtina.core.images``). With
    an e-mail, the submitter gets the number and the private access link.
    """
    description = description.strip()
    if not description:
        raise ReportError({"description": _("Опишете проблема.")})
    municipality = current_municipality()
    if not municipality.contains(latitude, longitude):
        raise ReportError({"location": _("Мястото е извън територията на общината.")})
    if not category.is_active:
        raise ReportError({"category": _("Тази категория вече не се използва.")})

    now = timezone.now()
    unit = report_route(category=category, settlement=settlement)
    # Photo files are written before the transaction: no lock waits on storage.
    stored_photos = [_photo_store(content) for content in photos]
    try:
        with transaction.atomic():
            report = Report.objects.create(
                category=category,
                unit=unit,
                description=description,
                latitude=latitude,
                longitude=longitude,
                settlement=settlement,
                address=address.strip(),
                submitter_name=submitter_name.strip(),
                submitter_email=submitter_email.strip(),
                submitter_phone=submitter_phone.strip(),
                author=author if getattr(author, "pk", None) else None,
                channel=channel,
                answers=list(answers),
                created_at=now,
                due_at=report_due_at(category=category, registered_at=now),
            )
            ReportPhoto.objects.bulk_create(
                ReportPhoto(report=report, image=name, width=width, height=height)
                for name, width, height in stored_photos
            )
            report_event_record(
                report=report,
                kind=ReportEvent.Kind.CREATED,
                to_status=report.status,
                data={"unit": unit.name},
                notify=False,  # nobody follows a new report; the submitter's e-mail is below
            )
            # Rendered now, stored with the number: no templates while the counter is locked.
            store_email = notify.report_registered_prepare(report=report, municipality=municipality)
            store_officials_notices = notify.report_routed_prepare(report=report, actor=author)
            # Last: the series' counter stays locked from here to the commit.
            registry_number_assign(item=report, series="reports", at=now)
            store_email()
            store_officials_notices()
            area_alerts_after_commit(report=report, kind=NEW)
    except BaseException:
        for name, _width, _height in stored_photos:
            _photo_storage().delete(name)
        raise
    return report


def _photo_storage():
    return ReportPhoto._meta.get_field("image").storage


def _photo_store(content: bytes) -> tuple[str, int, int]:
    """Save cleaned JPEG bytes under a random name; (name, width, height)."""
    with Image.open(BytesIO(content)) as image:
        width, height = image.size
    name = _photo_storage().save(
        report_photo_path(None, "photo.jpg"), ContentFile(content, name="photo.jpg")
    )
    return name, width, height


def reports_forget_author(user) -> int:
    """A deleted account's reports stay, anonymised: the submitter's data goes."""
    return Report.objects.filter(author=user).update(
        submitter_name="", submitter_email="", submitter_phone="", author=None
    )
