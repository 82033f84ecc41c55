"""Open data: every public report without personal data, for CSV and GeoJSON downloads.

The field list is explicit (ARCHITECTURE.md, rule 5): nothing about the submitter,
the assigned officer or internal notes can leak through a new model field.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from ..models import Category, Report

COORDINATE_DECIMALS = 5  # about a metre: enough to find the place, no false precision
CHUNK_SIZE = 2000

OPEN_DATA_FIELDS = (
    "number",
    "category",
    "unit",
    "status",
    "status_label",
    "settlement",
    "created_at",
    "resolved_at",
    "latitude",
    "longitude",
    "description",
    "public_answer",
)


def _day_start(day: date) -> datetime:
    """Midnight of `day` in the site's time zone (Europe/Sofia), as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def open_data_reports(
    *, date_from: date | None = None, date_to: date | None = None, category: Category | None = None
) -> Iterator[dict]:
    """Public reports created on the Sofia days date_from…date_to (both included), oldest first.

    Streams from the database in chunks, so a million rows never sit in memory.
    Missing values (settlement, resolved_at) are None: empty in CSV, null in GeoJSON.
    """
    reports = Report.objects.filter(is_hidden=False)
    if date_from:
        reports = reports.filter(created_at__gte=_day_start(date_from))
    if date_to:
        reports = reports.filter(created_at__lt=_day_start(date_to + timedelta(days=1)))
    if category:
        reports = reports.filter(category=category)
    rows = reports.order_by("created_at", "pk").values(
        "number",
        "status",
        "created_at",
        "resolved_at",
        "latitude",
        "longitude",
        "description",
        "public_answer",
        category_name=F("category__name"),
        unit_name=F("unit__name"),
        settlement_name=F("settlement__name"),
    )
    # Labels are read now, in the request's language: the rows are streamed later.
    labels = {value: str(label) for value, label in Report.Status.choices}
    return (_open_data_row(row, labels) for row in rows.iterator(chunk_size=CHUNK_SIZE))


def _open_data_row(row: dict, labels: dict[str, str]) -> dict:
    return {
        "number": row["number"],
        "category": row["category_name"],
        "unit": row["unit_name"],
        "status": row["status"],
        "status_label": labels.get(row["status"], row["status"]),
        "settlement": row["settlement_name"],
        "created_at": timezone.localtime(row["created_at"]).isoformat(),
        "resolved_at": timezone.localtime(row["resolved_at"]).isoformat()
        if row["resolved_at"]
        else None,
        "latitude": round(row["latitude"], COORDINATE_DECIMALS),
        "longitude": round(row["longitude"], COORDINATE_DECIMALS),
        "description": row["description"],
        "public_answer": row["public_answer"],
    }
