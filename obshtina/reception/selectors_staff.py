"""Reads for the officials', operators' and reception administrators' pages.

Which schedules a user serves is decided by ``organization.permissions``; the
querysets here only mirror those checks so that a list never shows a meeting
the user could not open.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.timeline import TimelineEntry, timeline_entry
from obshtina.core.phones import phone_e164
from obshtina.correspondence.selectors.citizen import document_of_citizen
from obshtina.organization.permissions import (
    can_book_for_caller,
    can_manage_schedule,
    can_view_registry,
    viewable_appointments,
)
from obshtina.registry.models import RegistryNumber
from obshtina.registry.selectors import (
    external_document,
    normalize_number,
    registry_number_find,
    registry_number_for_viewer,
)

from .models import Appointment, AppointmentEvent, Schedule, ScheduleGroup, WaitlistEntry
from .slots import SOFIA, Slot, free_slots

UNMARKED_LIMIT = 50
RELATED_LIMIT = 10
CITIZEN_MATCH_LIMIT = 10

# How each step of a meeting reads in its staff timeline.
EVENT_LABELS = {
    "requested": _("Заявена от гражданина"),
    "booked": _("Записана от служител"),
    "approved": _("Одобрена"),
    "rejected": _("Отказана"),
    "cancelled_by_staff": _("Анулирана от администрацията"),
    "cancelled_by_citizen": _("Отказана от гражданина"),
    "rescheduled": _("Преместена в друг час"),
    "video_added": _("Добавена връзка за видеосреща"),
    "held": _("Отбелязана като проведена"),
    "missed": _("Отбелязана като неявяване"),
}


class _ScheduleOfNobody:
    """A schedule without officials: only the roles that serve every schedule serve it."""

    @property
    def officials(self) -> QuerySet:
        return get_user_model().objects.none()


def manages_every_schedule(user) -> bool:
    return can_manage_schedule(user, _ScheduleOfNobody())


def appointments_viewable_by(user) -> QuerySet[Appointment]:
    """Every meeting ``user`` may open (``can_view_appointment`` as a query)."""
    return viewable_appointments(user, Appointment.objects.all())


def schedules_managed_by(user) -> QuerySet[Schedule]:
    """The schedules whose meetings the user approves, rejects, moves and marks."""
    schedules = Schedule.objects.select_related("group", "unit").order_by(
        "group__order", "group__name", "order", "title"
    )
    if manages_every_schedule(user):
        return schedules
    if not getattr(user, "is_authenticated", False):
        return schedules.none()
    return schedules.filter(officials=user)


def schedules_bookable_by(user) -> QuerySet[Schedule]:
    """Active schedules the user may book a caller into (operators: all of them)."""
    if can_book_for_caller(user, _ScheduleOfNobody()):
        schedules = Schedule.objects.select_related("group", "unit").order_by(
            "group__order", "group__name", "order", "title"
        )
    else:
        schedules = schedules_managed_by(user)
    today = timezone.localdate()
    return schedules.filter(is_active=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def schedules_grouped(schedules: Iterable[Schedule]) -> list[tuple[ScheduleGroup, list[Schedule]]]:
    """Schedules under their groups, in the order given."""
    grouped: dict[int, tuple[ScheduleGroup, list[Schedule]]] = {}
    for schedule in schedules:
        grouped.setdefault(schedule.group_id, (schedule.group, []))[1].append(schedule)
    return list(grouped.values())


@dataclass
class DeskLists:
    requested: list[Appointment]
    approved: QuerySet[Appointment]
    unmarked: list[Appointment]
    unmarked_count: int


def desk_lists(
    *,
    schedules: QuerySet[Schedule],
    schedule: Schedule | None = None,
    day: date | None = None,
    now: datetime | None = None,
) -> DeskLists:
    """The desk: upcoming requests to decide, upcoming approved meetings, and past
    approved meetings still to be marked held or missed (soonest / latest first)."""
    now = now or timezone.now()
    meetings = Appointment.objects.filter(schedule__in=schedules).select_related(
        "schedule", "schedule__group", "author"
    )
    if schedule is not None:
        meetings = meetings.filter(schedule=schedule)
    if day is not None:
        start = datetime.combine(day, time.min, SOFIA)
        meetings = meetings.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    upcoming = meetings.filter(ends_at__gt=now).order_by("starts_at", "pk")
    unmarked = meetings.filter(status=Appointment.Status.APPROVED, ends_at__lte=now).order_by(
        "-starts_at", "-pk"
    )
    return DeskLists(
        requested=list(upcoming.filter(status=Appointment.Status.REQUESTED)),
        approved=upcoming.filter(status=Appointment.Status.APPROVED),
        unmarked=list(unmarked[:UNMARKED_LIMIT]),
        unmarked_count=unmarked.count(),
    )


def waitlists_of(
    *, schedules: QuerySet[Schedule], schedule: Schedule | None = None
) -> list[WaitlistEntry]:
    """Who waits for a slot of the official's full schedules, in each list's order
    (the first in a schedule's list is the next to be offered a freed slot)."""
    entries = WaitlistEntry.objects.filter(schedule__in=schedules).select_related(
        "schedule", "citizen"
    )
    if schedule is not None:
        entries = entries.filter(schedule=schedule)
    ordered = list(entries.order_by("schedule__title", "schedule_id", "queued_at", "pk"))
    place, previous = 0, None
    for entry in ordered:
        place = place + 1 if entry.schedule_id == previous else 1
        entry.place, previous = place, entry.schedule_id
    return ordered


def appointment_for_manager(*, number: str, user) -> Appointment | None:
    """The meeting, if the user manages its schedule; None otherwise (shown as 404)."""
    appointment = (
        Appointment.objects.select_related(
            "schedule", "schedule__group", "author", "booked_by", "decided_by"
        )
        .filter(number=number)
        .first()
    )
    if appointment is None or not can_manage_schedule(user, appointment.schedule):
        return None
    return appointment


def appointment_timeline(appointment: Appointment) -> list[TimelineEntry]:
    statuses = dict(Appointment.Status.choices)
    return [
        timeline_entry(
            event,
            statuses=statuses,
            message=event.message,
            is_internal=False,
            at=event.at,
            label=str(EVENT_LABELS.get(event.action, event.action)),
        )
        for event in AppointmentEvent.objects.filter(appointment=appointment).select_related(
            "actor"
        )
    ]


@dataclass
class DocumentPanel:
    """What the platform and the external document system know of the number the
    citizen gave: the registry entry, its item, and other meetings about it."""

    typed: str
    code: str
    registry_number: RegistryNumber | None = None
    item: Model | None = None
    item_url: str = ""
    registry_url: str = ""
    external: dict | None = None
    related: list[Appointment] = field(default_factory=list)
    # The citizen's own document, readable for this meeting (reception:cited_document).
    for_meeting_url: str = ""
    # Why a document of the platform cannot be opened from here.
    closed_reason: str = ""


def document_panel(*, appointment: Appointment, user) -> DocumentPanel | None:
    """None when the citizen gave no document number. The external system is
    asked even for numbers the platform's registry does not know; the registry's
    entry is shown only when the official may see it (not another unit's letter)."""
    typed = appointment.document_number.strip()
    if not typed:
        return None
    registry_number = registry_number_for_viewer(typed, user=user)
    code = registry_number.code if registry_number else normalize_number(typed)
    panel = DocumentPanel(typed=typed, code=code, external=external_document(code))
    if document_of_citizen(number=code, citizen=appointment.author) is not None:
        panel.for_meeting_url = reverse("reception:cited_document", args=[appointment.number])
    elif registry_number is None and registry_number_find(typed) is not None:
        panel.closed_reason = str(
            _(
                "Документът е регистриран в платформата, но не е подаден от гражданина на "
                "срещата: отваря се само от звеното, което го обработва."
            )
        )
    if registry_number is not None:
        panel.registry_number = registry_number
        panel.item = registry_number.item
        is_visible_to = getattr(panel.item, "is_visible_to", None)
        if is_visible_to is not None and is_visible_to(user):
            panel.item_url = registry_number.item_url()
        if can_view_registry(user):
            panel.registry_url = reverse("registry:detail", args=[registry_number.code])
    panel.related = list(
        Appointment.objects.filter(
            Q(document_number__iexact=typed) | Q(document_number__iexact=code),
            schedule__in=schedules_managed_by(user),
        )
        .exclude(pk=appointment.pk)
        .select_related("schedule")
        .order_by("-starts_at")[:RELATED_LIMIT]
    )
    return panel


def free_slots_by_day(
    schedule: Schedule, *, first_day: date, days: int, now: datetime | None = None
) -> list[tuple[date, list[Slot]]]:
    """Free slots staff may book (the citizens' notice and horizon do not apply), by day."""
    last_day = first_day + timedelta(days=days - 1)
    slots = free_slots(
        [schedule], first_day=first_day, last_day=last_day, now=now, honour_horizon=False
    )[schedule.pk]
    by_day: dict[date, list[Slot]] = {}
    for slot in slots:
        by_day.setdefault(slot.starts_at.date(), []).append(slot)
    return sorted(by_day.items())


def citizens_matching(*, email: str = "", phone: str = "") -> list:
    """Registered people with this e-mail or phone, for staff booking on their behalf."""
    email = (email or "").strip()
    e164 = phone_e164(phone) if phone else ""
    condition = Q()
    if email:
        condition |= Q(email__iexact=email)
    if e164:
        condition |= Q(phone=e164)
    if not condition:
        return []
    users = get_user_model().objects.filter(condition, is_active=True)
    return list(users.order_by("last_name", "first_name", "pk")[:CITIZEN_MATCH_LIMIT])


def staff_for_officials(schedule: Schedule | None = None) -> QuerySet:
    """Who may be made responsible for a schedule: active staff, and whoever already is."""
    condition = Q(is_staff=True, is_active=True)
    if schedule is not None and schedule.pk:
        condition |= Q(reception_schedules=schedule)
    return (
        get_user_model()
        .objects.filter(condition)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def schedules_for_editor() -> list[tuple[ScheduleGroup, list[Schedule]]]:
    """Every schedule, active or not, under its group, with its officials."""
    schedules = (
        Schedule.objects.select_related("group", "unit")
        .prefetch_related("officials")
        .order_by("group__order", "group__name", "-is_active", "order", "title")
    )
    return schedules_grouped(schedules)


def schedule_for_editor(slug: str) -> Schedule | None:
    return (
        Schedule.objects.select_related("group", "unit")
        .prefetch_related("officials", "windows", "absences")
        .filter(slug=slug)
        .first()
    )


def groups_for_editor() -> QuerySet[ScheduleGroup]:
    return ScheduleGroup.objects.annotate(
        schedule_count=Count("schedules"),
        active_schedule_count=Count("schedules", filter=Q(schedules__is_active=True)),
    ).order_by("order", "name", "pk")


def upcoming_count(schedule: Schedule) -> int:
    return Appointment.objects.filter(
        schedule=schedule, status__in=Appointment.UPCOMING, ends_at__gt=timezone.now()
    ).count()
