"""Reads for the officers' queue: which reports a staff member sees, and how many."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from obshtina.casework.timeline import TimelineEntry, timeline_entry
from obshtina.organization.models import Settlement
from obshtina.organization.permissions import (
    KIND_REPORT,
    can_manage_item,
    can_view_staff_side,
    units_of,
)

from ..models import Category, Report


def staff_can_view_report(user, report: Report) -> bool:
    """May the user open the report's staff page (administrators, the operators,
    officers of its unit)?"""
    return can_view_staff_side(user, kind=KIND_REPORT, unit=report.unit)


def staff_can_manage_report(user, report: Report) -> bool:
    return can_manage_item(user, report)


def staff_sees_every_report(user) -> bool:
    """Roles that see the reports of every unit (a report of no unit is such a test)."""
    return can_view_staff_side(user, kind=KIND_REPORT, unit=None)


def reports_visible_to_staff(*, user) -> QuerySet[Report]:
    reports = Report.objects.select_related("category", "unit", "settlement", "assigned_to")
    if staff_sees_every_report(user):
        return reports
    return reports.filter(unit__in=units_of(user))


def reports_for_queue(
    *,
    user,
    status: str | None = None,
    category: Category | None = None,
    settlement: Settlement | None = None,
    overdue: bool = False,
    assigned_to_me: bool = False,
    search: str = "",
) -> QuerySet[Report]:
    """The queue, newest first: the reports of the user's units (every unit for
    administrators and operators) matching the filters."""
    reports = reports_visible_to_staff(user=user)
    if status:
        reports = reports.filter(status=status)
    if category is not None:
        reports = reports.filter(category=category)
    if settlement is not None:
        reports = reports.filter(settlement=settlement)
    if overdue:
        reports = reports.filter(status__in=Report.OPEN_STATUSES, due_at__lt=timezone.now())
    if assigned_to_me:
        reports = reports.filter(assigned_to=user)
    search = (search or "").strip()
    if search:
        reports = reports.filter(
            Q(number=search.upper())
            | Q(number__icontains=search)
            | Q(description__icontains=search)
            | Q(address__icontains=search)
            | Q(submitter_email__iexact=search)
        )
    return reports.order_by("-created_at", "-pk")


def queue_counts(*, user) -> dict:
    """How many of the user's reports are in each status, and how many are overdue."""
    reports = reports_visible_to_staff(user=user).order_by()
    by_status = dict(
        reports.values_list("status").annotate(total=Count("pk")).values_list("status", "total")
    )
    return {
        "statuses": [
            {"value": value, "label": label, "count": by_status.get(value, 0)}
            for value, label in Report.Status.choices
        ],
        "overdue": reports.filter(
            status__in=Report.OPEN_STATUSES, due_at__lt=timezone.now()
        ).count(),
    }


def report_timeline(report: Report) -> list[TimelineEntry]:
    """Every event, internal ones included (staff only)."""
    statuses = dict(Report.Status.choices)
    return [
        timeline_entry(
            event,
            statuses=statuses,
            message=event.public_message,
            is_internal=not event.is_public,
            details_label=str(_("Предишен текст")) if event.data.get("old") else "",
            details=event.data.get("old", ""),
        )
        for event in report.events.select_related("actor").order_by("created_at", "pk")
    ]
