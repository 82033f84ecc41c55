"""Keeping schedules: their windows, validity and days off.

A change never silently drops booked meetings: every change is applied in a
transaction, the upcoming meetings that would no longer fit the schedule are
listed, and unless the administrator has decided what to do with them
(`on_clash="keep"` or `"cancel"` with a reason), the change is rolled back and
ScheduleClashError carries the list to show.
"""

import itertools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from obshtina.core.slugs import unique_slug
from obshtina.organization.permissions import can_edit_schedules

from ..models import Absence, Appointment, Schedule, ScheduleGroup, ScheduleWindow
from ..slots import fits_schedule
from .decisions import appointment_cancel_by_staff
from .waitlist import waitlist_offer_freed

KEEP = "keep"
CANCEL = "cancel"

# Addresses the staff pages use themselves ("staff/schedules/new/").
RESERVED_SLUGS = frozenset({"new"})

# What the administrator edits about a schedule (officials and windows go separately).
SCHEDULE_FIELDS = (
    "group",
    "title",
    "host_name",
    "unit",
    "location",
    "description",
    "valid_from",
    "valid_until",
    "offers_video",
    "is_active",
    "order",
    "change_cutoff_hours",
    "reminder_hours",
)
# A reminder at most a week before, and a few of them at most.
MAX_REMINDER_HOURS = 7 * 24
MAX_REMINDERS = 5


@dataclass(frozen=True)
class WindowSpec:
    weekday: int
    start: time
    end: time
    slot_minutes: int
    break_start: time | None = None
    break_end: time | None = None


class ScheduleClashError(ValidationError):
    """The change would strand booked meetings; `clashes` lists them."""

    def __init__(self, clashes: list[Appointment]):
        super().__init__(
            ngettext(
                "Промяната засяга %(count)s записана среща. Решете дали да остане "
                "или да бъде анулирана с причина.",
                "Промяната засяга %(count)s записани срещи. Решете дали да останат "
                "или да бъдат анулирани с причина.",
                len(clashes),
            )
            % {"count": len(clashes)},
            code="clash",
        )
        self.clashes = clashes


def window_spec_check(spec: WindowSpec) -> None:
    """Clear messages for a window that cannot work, before the database refuses it."""
    if spec.end <= spec.start:
        raise ValidationError({"end": _("Краят трябва да е след началото.")})
    if not 5 <= spec.slot_minutes <= 480:
        raise ValidationError({"slot_minutes": _("Срещата трае между 5 и 480 минути.")})
    if (spec.break_start is None) != (spec.break_end is None):
        raise ValidationError({"break_end": _("Посочете и началото, и края на почивката.")})
    if spec.break_start is not None:
        if spec.break_end <= spec.break_start:
            raise ValidationError({"break_end": _("Почивката трябва да свършва след началото си.")})
        if spec.break_start < spec.start or spec.break_end > spec.end:
            raise ValidationError(
                {"break_start": _("Почивката трябва да е в рамките на приемното време.")}
            )


def windows_check(windows: Iterable[WindowSpec]) -> list[WindowSpec]:
    """The windows, if each works and none overlaps another on the same day."""
    windows = list(windows)
    for spec in windows:
        window_spec_check(spec)
    _refuse_overlapping(windows)
    return windows


def schedule_clashes(schedule: Schedule) -> list[Appointment]:
    """Upcoming meetings that do not fit the schedule as it is now saved."""
    upcoming = Appointment.objects.filter(
        schedule=schedule, status__in=Appointment.UPCOMING, starts_at__gt=timezone.now()
    ).select_related("schedule", "author")
    return [a for a in upcoming if not fits_schedule(schedule, a.starts_at, a.ends_at)]


def schedule_change(
    *,
    schedule: Schedule,
    actor,
    apply: Callable[[], None],
    on_clash: str = "",
    cancel_reason: str = "",
    seen_clashes: Collection[int] | None = None,
) -> list[Appointment]:
    """Run `apply` (which saves the change) and deal with meetings it strands.

    Returns the clashing meetings (kept or cancelled as decided). Without a
    decision and with clashes, nothing is saved and ScheduleClashError is raised.
    `seen_clashes` (ids of the meetings the administrator was shown) limits the
    decision to those: a meeting booked since then is shown again, never
    cancelled unseen.
    """
    if not can_edit_schedules(actor):
        raise PermissionDenied
    if on_clash == CANCEL and not cancel_reason.strip():
        raise ValidationError({"cancel_reason": _("Посочете причина за анулирането.")})
    with transaction.atomic():
        apply()
        schedule.refresh_from_db()
        clashes = schedule_clashes(schedule)
        if on_clash not in {KEEP, CANCEL}:
            undecided = clashes
        else:
            seen = set(seen_clashes) if seen_clashes is not None else None
            undecided = [a for a in clashes if seen is not None and a.pk not in seen]
        if undecided:
            raise ScheduleClashError(clashes)
        if on_clash == CANCEL:
            for appointment in clashes:
                appointment_cancel_by_staff(
                    appointment=appointment, actor=actor, reason=cancel_reason
                )
        waitlist_offer_freed(schedule=schedule)  # new hours may have slots to offer
    return clashes


def schedule_windows_replace(
    *,
    schedule: Schedule,
    actor,
    windows: Iterable[WindowSpec],
    on_clash: str = "",
    cancel_reason: str = "",
    seen_clashes: Collection[int] | None = None,
) -> list[Appointment]:
    """Replace the schedule's weekly windows with `windows`."""
    windows = windows_check(windows)

    def apply():
        schedule.windows.all().delete()
        _windows_create(schedule, windows)

    return schedule_change(
        schedule=schedule,
        actor=actor,
        apply=apply,
        on_clash=on_clash,
        cancel_reason=cancel_reason,
        seen_clashes=seen_clashes,
    )


def schedule_absence_add(
    *,
    schedule: Schedule,
    actor,
    first_day: date,
    last_day: date,
    reason: str = "",
    on_clash: str = "",
    cancel_reason: str = "",
    seen_clashes: Collection[int] | None = None,
) -> list[Appointment]:
    """Days off for the schedule (leave, a business trip)."""
    if last_day < first_day:
        raise ValidationError({"last_day": _("Крайната дата е преди началната.")})

    def apply():
        Absence.objects.create(
            schedule=schedule, first_day=first_day, last_day=last_day, reason=reason.strip()
        )

    return schedule_change(
        schedule=schedule,
        actor=actor,
        apply=apply,
        on_clash=on_clash,
        cancel_reason=cancel_reason,
        seen_clashes=seen_clashes,
    )


def schedule_create(
    *,
    actor,
    details: dict,
    officials: Iterable = (),
    windows: Iterable[WindowSpec] = (),
    slug: str = "",
) -> Schedule:
    """A new schedule with its officials and weekly windows (nothing booked can clash yet).

    `details` holds SCHEDULE_FIELDS; without a `slug` one is made from the title.
    """
    _require_editor(actor)
    windows = windows_check(windows)
    _check_details(details)
    slug = slug.strip()
    if slug and (slug in RESERVED_SLUGS or Schedule.objects.filter(slug=slug).exists()):
        raise ValidationError({"slug": _("Този адрес вече е зает. Изберете друг.")})
    with transaction.atomic():
        schedule = Schedule(**_schedule_fields(details))
        schedule.slug = slug or unique_slug(Schedule, schedule.title)
        if schedule.slug in RESERVED_SLUGS:
            schedule.slug = unique_slug(Schedule, f"{schedule.slug}-2")
        schedule.save()
        schedule.officials.set(officials)
        _windows_create(schedule, windows)
    return schedule


def schedule_update(
    *,
    schedule: Schedule,
    actor,
    details: dict,
    officials: Iterable,
    on_clash: str = "",
    cancel_reason: str = "",
    seen_clashes: Collection[int] | None = None,
) -> list[Appointment]:
    """Change the schedule's details and officials. A shorter validity or a
    deactivation that strands booked meetings needs the administrator's decision
    (see schedule_change); when refused, `schedule` is left as it was saved."""
    _check_details(details)
    officials = list(officials)

    def apply():
        for name, value in _schedule_fields(details).items():
            setattr(schedule, name, value)
        schedule.save()
        schedule.officials.set(officials)

    try:
        return schedule_change(
            schedule=schedule,
            actor=actor,
            apply=apply,
            on_clash=on_clash,
            cancel_reason=cancel_reason,
            seen_clashes=seen_clashes,
        )
    except (ValidationError, PermissionDenied):
        schedule.refresh_from_db()
        raise


def schedule_absence_remove(*, schedule: Schedule, actor, absence_id: int) -> None:
    """Take days off back. The days offer slots again, so no meeting can clash."""
    _require_editor(actor)
    deleted, _rows = Absence.objects.filter(schedule=schedule, pk=absence_id).delete()
    if not deleted:
        raise ValidationError(_("Това отсъствие вече е премахнато."), code="gone")
    waitlist_offer_freed(schedule=schedule)


def schedule_group_create(
    *, actor, name: str, description: str = "", is_active: bool = True
) -> ScheduleGroup:
    """A new group, shown after the existing ones."""
    _require_editor(actor)
    name = _clean_group_name(name)
    last = ScheduleGroup.objects.aggregate(last=Max("order"))["last"] or 0
    return ScheduleGroup.objects.create(
        name=name,
        slug=unique_slug(ScheduleGroup, name),
        description=description.strip(),
        order=last + 10,
        is_active=is_active,
    )


def schedule_group_update(
    *, group: ScheduleGroup, actor, name: str, description: str = "", is_active: bool = True
) -> ScheduleGroup:
    """Rename, describe, hide or show a group. A hidden group's schedules keep
    their booked meetings; citizens just no longer find them in the list."""
    _require_editor(actor)
    group.name = _clean_group_name(name)
    group.description = description.strip()
    group.is_active = is_active
    group.save(update_fields=["name", "description", "is_active"])
    return group


def schedule_group_move(*, group: ScheduleGroup, actor, step: int) -> None:
    """Move the group one place up (`step=-1`) or down (`+1`); the order becomes
    10, 20, 30… so that it stays easy to read in the admin."""
    _require_editor(actor)
    with transaction.atomic():
        groups = list(ScheduleGroup.objects.select_for_update().order_by("order", "name", "pk"))
        index = next((i for i, item in enumerate(groups) if item.pk == group.pk), None)
        if index is None:
            return
        target = index + step
        if 0 <= target < len(groups):
            groups[index], groups[target] = groups[target], groups[index]
        for position, item in enumerate(groups, start=1):
            if item.order != position * 10:
                item.order = position * 10
                item.save(update_fields=["order"])


def _require_editor(actor) -> None:
    if not can_edit_schedules(actor):
        raise PermissionDenied


def _schedule_fields(details: dict) -> dict:
    return {name: details[name] for name in SCHEDULE_FIELDS if name in details}


def reminder_hours_clean(hours: Iterable[int]) -> list[int]:
    """The offsets of a schedule's reminders, largest first, each once."""
    cleaned = sorted(set(hours), reverse=True)
    if any(not 1 <= value <= MAX_REMINDER_HOURS for value in cleaned):
        raise ValidationError(
            {
                "reminder_hours": _("Всяко напомняне е от 1 до %(max)s часа преди срещата.")
                % {"max": MAX_REMINDER_HOURS}
            }
        )
    if len(cleaned) > MAX_REMINDERS:
        raise ValidationError(
            {"reminder_hours": _("Най-много %(max)s напомняния.") % {"max": MAX_REMINDERS}}
        )
    return cleaned


def _check_details(details: dict) -> None:
    if "reminder_hours" in details:
        details["reminder_hours"] = reminder_hours_clean(details["reminder_hours"] or ())
    if not (details.get("title") or "").strip():
        raise ValidationError({"title": _("Въведете длъжността или звеното.")})
    valid_from, valid_until = details.get("valid_from"), details.get("valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError(
            {"valid_until": _("Графикът не може да изтича преди началото на валидността си.")}
        )


def _clean_group_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Въведете наименование на групата.")})
    return name


def _windows_create(schedule: Schedule, windows: list[WindowSpec]) -> None:
    ScheduleWindow.objects.bulk_create(
        ScheduleWindow(schedule=schedule, **spec.__dict__) for spec in windows
    )


def _refuse_overlapping(windows: list[WindowSpec]) -> None:
    by_day: dict[int, list[WindowSpec]] = {}
    for spec in windows:
        by_day.setdefault(spec.weekday, []).append(spec)
    for specs in by_day.values():
        specs.sort(key=lambda spec: spec.start)
        for earlier, later in itertools.pairwise(specs):
            if later.start < earlier.end:
                raise ValidationError(
                    {"start": _("Приемните прозорци в един ден не може да се застъпват.")}
                )
