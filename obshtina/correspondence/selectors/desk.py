"""Reads for the registry desk (деловодство): which documents a staff member sees,
what falls due, and an item's full staff-side record."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from obshtina.casework.timeline import TimelineEntry, timeline_entry
from obshtina.organization.models import Unit
from obshtina.organization.permissions import can_manage_item, can_view_staff_side, units_of

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

DUE_TODAY = "today"
DUE_WEEK = "week"
DUE_OVERDUE = "overdue"
WEEK_DAYS = 7  # "this week": today and the six days after it
DUE_CHOICES_ORDER = (DUE_TODAY, DUE_WEEK, DUE_OVERDUE)


def staff_can_view_item(user, item: Correspondence) -> bool:
    return can_view_staff_side(user, kind=item.kind, unit=item.unit)


def staff_can_manage_item(user, item: Correspondence) -> bool:
    return can_manage_item(user, item)


def _kinds_seen_everywhere(user) -> list[str]:
    """Kinds the user's roles cover in every unit (a probe with no unit asks exactly that)."""
    return [
        kind
        for kind in Correspondence.Kind.values
        if can_view_staff_side(user, kind=kind, unit=None)
    ]


def documents_visible_to_staff(*, user) -> QuerySet[Correspondence]:
    """The same rule as ``staff_can_view_item``, as a query."""
    documents = Correspondence.objects.select_related("unit", "assigned_to")
    kinds = _kinds_seen_everywhere(user)
    if len(kinds) == len(Correspondence.Kind.values):
        return documents
    return documents.filter(Q(kind__in=kinds) | Q(unit__in=units_of(user)))


def _open(documents: QuerySet[Correspondence]) -> QuerySet[Correspondence]:
    return documents.filter(status__in=OPEN_STATUSES, due_at__isnull=False)


def filter_due(documents: QuerySet[Correspondence], due: str, today: date) -> QuerySet:
    """Open documents due today, within the week from today, or past their deadline."""
    if due == DUE_TODAY:
        return _open(documents).filter(due_at=today)
    if due == DUE_WEEK:
        return _open(documents).filter(
            due_at__gte=today, due_at__lt=today + timedelta(days=WEEK_DAYS)
        )
    if due == DUE_OVERDUE:
        return _open(documents).filter(due_at__lt=today)
    return documents


def documents_for_desk(
    *,
    user,
    kind: str | None = None,
    status: str | None = None,
    unit: Unit | None = None,
    due: str | None = None,
    assigned_to_me: bool = False,
    search: str = "",
    today: date | None = None,
) -> QuerySet[Correspondence]:
    """The desk's table, newest first. `due` ("today", "week", "overdue") counts in
    Europe/Sofia calendar days and keeps only open documents."""
    documents = documents_visible_to_staff(user=user)
    if kind:
        documents = documents.filter(kind=kind)
    if status:
        documents = documents.filter(status=status)
    if unit is not None:
        documents = documents.filter(unit=unit)
    if due:
        documents = filter_due(documents, due, today or timezone.localdate())
    if assigned_to_me:
        documents = documents.filter(assigned_to=user)
    search = (search or "").strip()
    if search:
        documents = documents.filter(
            Q(number=search.upper())
            | Q(number__icontains=search)
            | Q(subject__icontains=search)
            | Q(sender_name__icontains=search)
            | Q(organisation_name__icontains=search)
            | Q(sender_email__iexact=search)
        )
    return documents.order_by("-registered_at", "-pk")


def desk_due_counts(*, user, today: date | None = None) -> dict[str, int]:
    """The desk header: how many of the user's open documents are due today, this
    week, and how many are overdue."""
    today = today or timezone.localdate()
    documents = documents_visible_to_staff(user=user).order_by()
    return {due: filter_due(documents, due, today).count() for due in DUE_CHOICES_ORDER}


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
