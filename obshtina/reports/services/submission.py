"""Submitting a report: checks, registry number, routing, photos, the submitter's e-mail."""

from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.models import Settlement, Unit
from obshtina.organization.selectors import contact_centre_unit, current_municipality
from obshtina.registry.services import registry_number_issue, registry_number_link

from ..models import Category, Report, ReportEvent, ReportPhoto, RoutingRule
from . import notify
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
) -> Report:
    """Register a report and route it by competence.

    `photos` are already cleaned JPEG bytes (see ``obshtina.core.images``). With
    an e-mail, the submitter gets the number and the private access link.
    """
    description = description.strip()
    if not description:
        raise ReportError({"description": _("Опишете проблема.")})
    if not current_municipality().contains(latitude, longitude):
        raise ReportError({"location": _("Мястото е извън територията на общината.")})
    if not category.is_active:
        raise ReportError({"category": _("Тази категория вече не се използва.")})

    now = timezone.now()
    with transaction.atomic():
        registry_number = registry_number_issue(series="reports", at=now)
        report = Report.objects.create(
            registry_number=registry_number,
            number=registry_number.code,
            category=category,
            unit=report_route(category=category, settlement=settlement),
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
            created_at=now,
            due_at=report_due_at(category=category, registered_at=now),
        )
        registry_number_link(registry_number=registry_number, item=report)
        for content in photos:
            photo = ReportPhoto(report=report)
            photo.image.save("photo.jpg", ContentFile(content, name="photo.jpg"), save=True)
        report_event_record(
            report=report,
            kind=ReportEvent.Kind.CREATED,
            to_status=report.status,
            data={"unit": report.unit.name},
        )
        notify.report_registered(report=report)
    return report


def reports_forget_author(user) -> int:
    """A deleted account's reports stay, anonymised: the submitter's data goes."""
    return Report.objects.filter(author=user).update(
        submitter_name="", submitter_email="", submitter_phone="", author=None
    )
