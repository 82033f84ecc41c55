"""Reads for the officers' queue: which reports a staff member sees, and how many."""

from django.utils.translation import gettext as _

from obshtina.casework.timeline import TimelineEntry, public_item_timeline
from obshtina.organization.permissions import (
    KIND_REPORT,
    can_manage_item,
    can_view_staff_side,
)

from ..models import Report


def staff_can_view_report(user, report: Report) -> bool:
    """May the user open the report's staff page (administrators, the operators,
    officers of its unit)?"""
    return can_view_staff_side(user, kind=KIND_REPORT, unit=report.unit)


def staff_can_manage_report(user, report: Report) -> bool:
    return can_manage_item(user, report)


def report_timeline(report: Report) -> list[TimelineEntry]:
    """Every event, internal ones included (staff only)."""
    return public_item_timeline(report, details_key="old", details_label=_("Предишен текст"))
