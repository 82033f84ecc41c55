"""The reminder the day before a meeting (sent once, never for a cancelled meeting),
and closing requests nobody decided on in time."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Appointment
from .notify import appointment_event_record, appointment_notify

REMINDER_AHEAD = timedelta(hours=24)


def appointment_reminders_send(*, now: datetime | None = None) -> int:
    """Remind citizens of approved meetings starting in the next 24 hours.

    Run it every hour or so (systemd timer, `send_appointment_reminders`). Each
    meeting is claimed with a conditional UPDATE, so two runs never both remind;
    a meeting moved later gets its reminder again (the move clears the mark).
    """
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=Appointment.Status.APPROVED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=pk, status=Appointment.Status.APPROVED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            appointment = Appointment.objects.select_related("schedule", "author").get(pk=pk)
            appointment_notify(appointment=appointment, action="reminder")
            sent += 1
    return sent


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
