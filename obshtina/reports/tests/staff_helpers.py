"""Helpers for the staff tests (queue, workflow, statistics)."""

import io
from datetime import timedelta
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from obshtina.organization.models import Unit
from obshtina.organization.tests.factories import officer_of as officer_of
from obshtina.reports.models import Report, ReportPhoto

from .factories import CategoryFactory, UnitFactory, submit_report


def report_in(unit: Unit | None = None, **kwargs) -> Report:
    """A new report routed to the unit (through its category)."""
    unit = unit or UnitFactory()
    kwargs.setdefault("category", CategoryFactory(unit=unit))
    return submit_report(**kwargs)


def make_overdue(report: Report, days: int = 3) -> Report:
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(days=days))
    report.refresh_from_db()
    return report


def queue_url(**query) -> str:
    """The reports in the officials' workspace (the former reports queue)."""
    return f"{reverse('casework:workspace')}?{urlencode({'kind': 'report', **query})}"


def manage_url(report: Report) -> str:
    return reverse("reports:manage", kwargs={"number": report.number})


def add_photo(report: Report) -> ReportPhoto:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    photo = ReportPhoto(report=report)
    photo.image.save("photo.jpg", ContentFile(buffer.getvalue(), name="photo.jpg"))
    return photo
