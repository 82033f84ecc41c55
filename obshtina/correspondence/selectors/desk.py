"""Reads for the registry desk (деловодство): which documents a staff member sees,
what falls due, and an item's full staff-side record."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from obshtina.casework.timeline import TimelineEntry, timeline_entry
from obshtina.organization.permissions import can_manage_item, can_view_staff_side

from ..models import Correspondence

Status = Correspondence.Status

# Statuses in which nothing more is owed to the sender: no deadline runs.
DONE_STATUSES = frozenset(
    {
        Status.ANSWERED,
        Status.CLOSED,
        Status.GRANTED,
        Status.PARTIALLY_GRANTED,
        Status.REFUSED,
        Status.NOT_HELD,
        Status.FORWARDED,
    }
)
OPEN_STATUSES = frozenset(Status.values) - DONE_STATUSES

WEEK_DAYS = 7  # "this week": today and the six days after it


def staff_can_view_item(user, item: Correspondence) -> bool:
    return can_view_staff_side(user, kind=item.kind, unit=item.unit)


def staff_can_manage_item(user, item: Correspondence) -> bool:
    return can_manage_item(user, item)


def is_overdue(item: Correspondence, today: date | None = None) -> bool:
    return (
        item.status in OPEN_STATUSES
        and item.due_at is not None
        and item.due_at < (today or timezone.localdate())
    )


def staff_members() -> QuerySet:
    """Every active officer of some unit: candidates when routing to another unit."""
    return (
        get_user_model()
        .objects.filter(memberships__isnull=False, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def item_for_desk(number: str) -> Correspondence | None:
    return (
        Correspondence.objects.select_related(
            "unit", "addressee", "assigned_to", "author", "access_request"
        )
        .filter(number=number.strip().upper())
        .first()
    )


def item_timeline(item: Correspondence) -> list[TimelineEntry]:
    """Every event, internal ones included (staff only)."""
    statuses = dict(Status.choices)
    return [
        timeline_entry(
            event,
            statuses=statuses,
            message=event.message,
            is_internal=not event.visible_to_sender,
            reference=(
                f"{event.outgoing.get_kind_display().capitalize()} № {event.outgoing.number}"
                if event.outgoing
                else ""
            ),
        )
        for event in item.events.select_related("actor", "outgoing").order_by("created_at", "pk")
    ]


def item_attachments(item: Correspondence) -> QuerySet:
    """The files the sender filed (outgoing documents carry their own)."""
    return item.attachments.filter(outgoing__isnull=True)


def item_outgoing_documents(item: Correspondence) -> QuerySet:
    return item.outgoing_documents.select_related("created_by").prefetch_related("attachments")
