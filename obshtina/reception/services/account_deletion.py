"""What a deleted account leaves of its meetings.

The meetings stay in the municipality's records (their registry numbers are used),
without the person: the link to the account and any name, phone or e-mail go.
Upcoming ones (requested or approved) are cancelled first, so their slots are free
for others and the official sees why on the staff side. No e-mail is queued: the
address is being erased, and the notifications hook has already forgotten it.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from ..models import Appointment
from .notify import appointment_event_record

# Stored as written (the records are in Bulgarian), whatever language the citizen used.
ACCOUNT_DELETED = gettext_noop("Профилът на гражданина е изтрит.")


def appointments_forget_author(user) -> int:
    """Cancel the user's upcoming meetings and anonymise all of them; returns how
    many were cancelled. Runs inside the account deletion's transaction."""
    now = timezone.now()
    reason = ACCOUNT_DELETED
    cancelled = 0
    upcoming = Appointment.objects.filter(
        author=user, status__in=Appointment.UPCOMING, ends_at__gt=now
    )
    for appointment in upcoming.select_for_update():
        previous = appointment.status
        # Compare-and-swap, as in services.decisions: an official may act at the same time.
        changed = Appointment.objects.filter(
            pk=appointment.pk, status__in=Appointment.UPCOMING
        ).update(
            status=Appointment.Status.CANCELLED,
            reason=reason,
            decided_at=now,
            sequence=F("sequence") + 1,
        )
        if not changed:
            continue
        appointment.refresh_from_db()
        appointment_event_record(
            appointment=appointment,
            action="cancelled_by_citizen",
            from_status=previous,
            message=reason,
        )
        cancelled += 1
    Appointment.objects.filter(author=user).update(
        author=None, citizen_name="", citizen_phone="", citizen_email=""
    )
    return cancelled
