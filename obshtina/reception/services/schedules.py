"""Keeping schedules: their windows, validity and days off.

A change never silently drops booked meetings: every change is applied in a
transaction, the upcoming meetings that would no longer fit the schedule are
listed, and unless the administrator has decided what to do with them
(`on_clash="keep"` or `"cancel"` with a reason), the change is rolled back and
ScheduleClashError carries the list to show.
"""

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.permissions import can_edit_schedules

from ..models import Absence, Appointment, Schedule, ScheduleWindow
from ..slots import fits_schedule
from .decisions import appointment_cancel_by_staff

KEEP = "keep"
CANCEL = "cancel"


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
            _(
                "Промяната засяга %(count)s записани срещи. Решете дали да останат "
                "или да бъдат анулирани с причина."
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
) -> list[Appointment]:
    """Run `apply` (which saves the change) and deal with meetings it strands.

    Returns the clashing meetings (kept or cancelled as decided). Without a
    decision and with clashes, nothing is saved and ScheduleClashError is raised.
    """
    if not can_edit_schedules(actor):
        raise PermissionDenied
    if on_clash == CANCEL and not cancel_reason.strip():
        raise ValidationError({"cancel_reason": _("Посочете причина за анулирането.")})
    with transaction.atomic():
        apply()
        schedule.refresh_from_db()
        clashes = schedule_clashes(schedule)
        if clashes and on_clash not in {KEEP, CANCEL}:
            raise ScheduleClashError(clashes)
        if on_clash == CANCEL:
            for appointment in clashes:
                appointment_cancel_by_staff(
                    appointment=appointment, actor=actor, reason=cancel_reason
                )
    return clashes


def schedule_windows_replace(
    *,
    schedule: Schedule,
    actor,
    windows: Iterable[WindowSpec],
    on_clash: str = "",
    cancel_reason: str = "",
) -> list[Appointment]:
    """Replace the schedule's weekly windows with `windows`."""
    windows = list(windows)
    for spec in windows:
        window_spec_check(spec)
    _refuse_overlapping(windows)

    def apply():
        schedule.windows.all().delete()
        ScheduleWindow.objects.bulk_create(
            ScheduleWindow(schedule=schedule, **spec.__dict__) for spec in windows
        )

    return schedule_change(
        schedule=schedule, actor=actor, apply=apply, on_clash=on_clash, cancel_reason=cancel_reason
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
) -> list[Appointment]:
    """Days off for the schedule (leave, a business trip)."""
    if last_day < first_day:
        raise ValidationError({"last_day": _("Крайната дата е преди началната.")})

    def apply():
        Absence.objects.create(
            schedule=schedule, first_day=first_day, last_day=last_day, reason=reason.strip()
        )

    return schedule_change(
        schedule=schedule, actor=actor, apply=apply, on_clash=on_clash, cancel_reason=cancel_reason
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
