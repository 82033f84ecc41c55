"""Deadlines: a report's term, and the daily digest of overdue reports for unit heads."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from obshtina.core.dates import add_days, add_months, end_of_day, local_day
from obshtina.notifications.services import notification_queue
from obshtina.organization.models import Membership, Unit
from obshtina.organization.selectors import site_url

from ..models import RESOLVE_MONTHS, Category, Report


def report_due_at(*, category: Category, registered_at: datetime) -> datetime:
    """The end of the last day to resolve a report registered (or reopened) at
    ``registered_at``: two months as the АПК counts them, unless the category sets a
    term in days; counted from the day in Sofia, to the next working day."""
    day = local_day(registered_at)
    if category.resolve_days is None:
        return end_of_day(add_months(day, RESOLVE_MONTHS))
    return end_of_day(add_days(day, category.resolve_days))


def overdue_digest_send(*, today: date | None = None) -> int:
    """Queue one e-mail per head of every unit with overdue open reports.

    With `today`, "overdue" means overdue by the start of that day (for re-runs and
    tests); without it, by now. A unit without a head gets the digest at its own
    e-mail address, if it has one. Returns how many e-mails were queued.
    """
    moment = (
        timezone.now() if today is None else timezone.make_aware(datetime.combine(today, time.min))
    )
    overdue = (
        Report.objects.filter(status__in=Report.OPEN_STATUSES, due_at__lt=moment)
        .select_related("category", "assigned_to")
        .order_by("unit_id", "due_at")
    )
    by_unit: dict[int, list[Report]] = {}
    for report in overdue:
        by_unit.setdefault(report.unit_id, []).append(report)

    queued = 0
    for unit in Unit.objects.filter(pk__in=by_unit).order_by("name"):
        rows = [_row(report, moment) for report in by_unit[unit.pk]]
        with transaction.atomic():
            for to_email, user in _recipients(unit):
                notification_queue(
                    to_email=to_email,
                    template="overdue_digest",
                    context={"unit": unit, "reports": rows, "count": len(rows)},
                    user=user,
                    about=unit,
                )
                queued += 1
    return queued


def _recipients(unit: Unit) -> list[tuple[str, object]]:
    heads = [
        membership.user
        for membership in Membership.objects.filter(
            unit=unit, is_head=True, user__is_active=True
        ).select_related("user")
    ]
    if heads:
        return [(head.email, head) for head in heads]
    return [(unit.email, None)] if unit.email else []


def _row(report: Report, moment: datetime) -> dict:
    return {
        "number": report.number,
        "category": report.category.name,
        "due_at": report.due_at,
        "days_overdue": max(1, (moment - report.due_at) // timedelta(days=1)),
        "assignee": report.assigned_to.get_full_name() if report.assigned_to else "",
        "url": site_url() + reverse("reports:manage", kwargs={"number": report.number}),
    }
