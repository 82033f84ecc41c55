"""Reminders at the hours before a meeting its schedule chooses (each once, never for
a cancelled or rejected meeting), and closing requests nobody decided on in time."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Appointment, AppointmentReminder, Schedule
from .notify import appointment_event_record, appointment_notify


def appointment_reminders_send(*, now: datetime | None = None) -> int:
    """Remind citizens of approved meetings at their schedule's `reminder_hours`.

    Run it every hour or so (systemd timer, `send_appointment_reminders`). Of a
    meeting's offsets whose time has come, only the latest is sent: a meeting
    approved two hours before it gets the 2-hour reminder, not also a late 24-hour
    one. Each (meeting, offset, start) is reminded once — the unique row decides
    between two runs — so a moved meeting is reminded again for its new time.
    """
    now = now or timezone.now()
    longest = max(
        (
            hours
            for offsets in Schedule.objects.values_list("reminder_hours", flat=True)
            for hours in offsets or ()
        ),
        default=0,
    )
    if not longest:
        return 0
    upcoming = Appointment.objects.filter(
        status=Appointment.Status.APPROVED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=longest),
    ).select_related("schedule", "author")
    sent = 0
    for appointment in list(upcoming):
        hours = due_reminder(appointment, now=now)
        if hours is not None and _claim_and_send(appointment, hours=hours, now=now):
            sent += 1
    return sent


def due_reminder(appointment: Appointment, *, now: datetime) -> int | None:
    """The offset (hours before) whose reminder is due now, if any."""
    passed = [
        hours
        for hours in appointment.schedule.reminder_hours or ()
        if appointment.starts_at - timedelta(hours=hours) <= now < appointment.starts_at
    ]
    return min(passed, default=None)


def _claim_and_send(appointment: Appointment, *, hours: int, now: datetime) -> bool:
    with transaction.atomic():
        still_due = Appointment.objects.filter(
            pk=appointment.pk,
            status=Appointment.Status.APPROVED,
            starts_at=appointment.starts_at,
        ).exists()
        if not still_due:
            return False
        try:
            with transaction.atomic():
                AppointmentReminder.objects.create(
                    appointment=appointment,
                    hours_before=hours,
                    starts_at=appointment.starts_at,
                    sent_at=now,
                )
        except IntegrityError:
            return False  # sent already, by this run's predecessor or a twin
        appointment_notify(appointment=appointment, action="reminder")
    return True


def appointment_requests_expire(*, now: datetime | None = None) -> int:
    """Close requests nobody decided on before their time: the citizen is told the
    meeting did not take place, instead of a request left "заявена" for ever."""
    now = now or timezone.now()
    reason = gettext("Заявката не беше одобрена до часа на срещата.")
    expired = 0
    stale = Appointment.objects.filter(status=Appointment.Status.REQUESTED, starts_at__lte=now)
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            changed = Appointment.objects.filter(pk=pk, status=Appointment.Status.REQUESTED).update(
                status=Appointment.Status.REJECTED,
                reason=reason,
                decided_at=now,
                sequence=F("sequence") + 1,
            )
            if not changed:
                continue
            appointment = Appointment.objects.select_related("schedule", "author").get(pk=pk)
            appointment_event_record(
                appointment=appointment,
                action="rejected",
                from_status=Appointment.Status.REQUESTED,
                message=reason,
            )
            appointment_notify(appointment=appointment, action="rejected")
            expired += 1
    return expired
