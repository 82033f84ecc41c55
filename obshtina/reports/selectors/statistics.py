"""Statistics for staff: counts by category, unit, status and month, and how long
reports take to resolve. Municipality-wide: counts carry no personal data."""

import statistics as stats
from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import FixedCheck, Report

TABLES = (  # key, title, the first column's heading
    ("by_category", _("По категория"), _("Категория")),
    ("by_unit", _("По звено"), _("Звено")),
    ("by_status", _("По състояние"), _("Състояние")),
    ("by_month", _("По месец"), _("Месец")),
)


def _month_starts(today: date, months: int) -> list[date]:
    """The first days of the last `months` months, oldest first, this month included."""
    year, month = today.year, today.month
    starts = []
    for _index in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _with_bars(rows: list[dict]) -> list[dict]:
    """Add each row's bar width: a percentage of the largest count."""
    largest = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["percent"] = round(row["count"] * 100 / largest) if largest else 0
    return rows


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def report_statistics(*, today: date, months: int = 12) -> dict:
    """Reports submitted in the last `months` calendar months (this one included).

    The medians are over the reports of the period that are resolved now, computed
    in Python: one pass over two timestamps per resolved report.
    """
    month_starts = _month_starts(today, months)
    since = timezone.make_aware(datetime.combine(month_starts[0], time.min))
    reports = Report.objects.filter(created_at__gte=since).order_by()

    resolve_days: dict[int, list[float]] = defaultdict(list)
    for category_id, created_at, resolved_at in reports.filter(
        status=Report.Status.RESOLVED, resolved_at__isnull=False
    ).values_list("category_id", "created_at", "resolved_at"):
        resolve_days[category_id].append(_days(created_at, resolved_at))
    all_days = [days for values in resolve_days.values() for days in values]

    by_category = [
        {
            "label": row["category__name"],
            "count": row["count"],
            "median_days": _median(resolve_days.get(row["category_id"], [])),
        }
        for row in reports.values("category_id", "category__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
    ]
    # "Наистина ли е решен?": what the citizens said of each unit's resolved reports.
    answers = (
        FixedCheck.objects.filter(report__in=reports, is_fixed__isnull=False)
        .values("report__unit_id")
        .annotate(
            fixed=Count("pk", filter=Q(is_fixed=True)),
            not_fixed=Count("pk", filter=Q(is_fixed=False)),
        )
    )
    answers_by_unit = {row["report__unit_id"]: row for row in answers}
    by_unit = [
        {
            "label": row["unit__name"],
            "count": row["count"],
            "confirmed_fixed": answers_by_unit.get(row["unit_id"], {}).get("fixed", 0),
            "not_fixed": answers_by_unit.get(row["unit_id"], {}).get("not_fixed", 0),
        }
        for row in reports.values("unit_id", "unit__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "unit__name")
    ]
    status_counts = dict(
        reports.values_list("status").annotate(count=Count("pk")).values_list("status", "count")
    )
    by_status = [
        {"label": label, "count": status_counts.get(value, 0)}
        for value, label in Report.Status.choices
    ]
    month_counts = {
        timezone.localtime(month).date() if isinstance(month, datetime) else month: count
        for month, count in reports.annotate(
            month=TruncMonth("created_at", tzinfo=timezone.get_current_timezone())
        )
        .values_list("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    }
    by_month = [
        {"label": start.strftime("%m.%Y"), "count": month_counts.get(start, 0)}
        for start in month_starts
    ]
    rows = {
        "by_category": by_category,
        "by_unit": by_unit,
        "by_status": by_status,
        "by_month": by_month,
    }
    return {
        "since": month_starts[0],
        "until": today,
        "total": sum(row["count"] for row in by_status),
        "resolved": len(all_days),
        "median_days": _median(all_days),
        "tables": [
            {"key": key, "title": title, "column": column, "rows": _with_bars(rows[key])}
            for key, title, column in TABLES
        ],
    }


def _median(values: list[float]) -> float | None:
    return stats.median(values) if values else None
