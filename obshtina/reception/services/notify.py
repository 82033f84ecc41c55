"""Telling the citizen about every change of a meeting, with a calendar invitation,
and the schedule's officials when a citizen requests or cancels one.

The e-mail gets an explicit list of values, never the appointment object, and
goes to the citizen's account address, or to the e-mail a caller gave staff.
A caller without an e-mail hears from staff by phone: nothing is queued.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from obshtina.notifications.officials import NoticeFacts, official_notify
from obshtina.notifications.services import notification_queue, recipient_language
from obshtina.organization.selectors import site_url

from ..calendar import appointment_invitation
from ..models import Appointment, AppointmentEvent
from ..slots import SOFIA

# What the citizen is told, by the event's action name.
HEADLINES = {
    "requested": _("Заявката ви за среща е получена и чака одобрение."),
    "booked": _("Записан ви е час за среща."),
    "approved": _("Срещата ви е одобрена."),
    "rejected": _("Заявката ви за среща е отказана."),
    "cancelled_by_staff": _("Срещата ви е анулирана от администрацията."),
    "cancelled_by_citizen": _("Отказахте срещата си."),
    "rescheduled": _("Часът на срещата ви е променен."),
    "video_added": _("Към срещата ви е добавена връзка за видеоконсултация."),
    "reminder": _("Напомняне за предстоящата ви среща в общината."),
}


def appointment_event_record(
    *, appointment: Appointment, action: str, actor=None, from_status: str = "", message: str = ""
) -> AppointmentEvent:
    return AppointmentEvent.objects.create(
        appointment=appointment,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=appointment.status,
        message=message,
    )


def appointment_notify(
    *, appointment: Appointment, action: str, previous_start: datetime | None = None
) -> None:
    """Queue the e-mail (with the invitation) for `action`; call inside the change's
    transaction, after the appointment's new state and SEQUENCE are saved.
    `previous_start`: the time a moved meeting had (the e-mail shows both)."""
    to_email = appointment.contact_email
    if not to_email:
        return
    language = recipient_language(appointment.author)
    with override(language):  # the values' labels and the day, in the citizen's language
        context = _email_values(appointment, action, previous_start=previous_start)
    notification_queue(
        to_email=to_email,
        template="appointment_update",
        context=context,
        language=language,
        user=appointment.author,
        about=appointment,
        calendar=appointment_invitation(appointment),
    )


def _email_values(
    appointment: Appointment, action: str, *, previous_start: datetime | None
) -> dict:
    local_start = appointment.starts_at.astimezone(SOFIA)
    local_end = appointment.ends_at.astimezone(SOFIA)
    previous = previous_start.astimezone(SOFIA) if previous_start else None
    return {
        "action": action,
        "headline": HEADLINES[action],
        "number": appointment.number,
        "schedule": str(appointment.schedule),
        "location": appointment.schedule.location,
        "day": date_format(local_start, "l, j F Y"),
        "time": f"{local_start:%H:%M}–{local_end:%H:%M}",
        "previous": f"{date_format(previous, 'l, j F Y')}, {previous:%H:%M}" if previous else "",
        "status": appointment.get_status_display(),
        "topic": appointment.topic,
        "reason": appointment.reason
        if action in {"rejected", "cancelled_by_staff", "cancelled_by_citizen"}
        else "",
        "video_url": appointment.standing_video_url,
        "has_account": bool(appointment.author_id),
        "url_path": reverse("reception:appointment", kwargs={"number": appointment.number}),
        "sent_at": timezone.now(),
    }


def appointment_officials_notify(*, appointment: Appointment, reason: str, actor=None) -> int:
    """Tell the schedule's officials (inside the change's transaction): the meeting's
    number, schedule, unit, time and staff link — never the citizen or the topic."""
    schedule = appointment.schedule
    return official_notify(
        officials=schedule.officials.all(),
        reason=reason,
        item=NoticeFacts(
            about=appointment,
            number=appointment.number,
            kind=_("среща"),
            title=str(schedule),
            unit=schedule.unit.name if schedule.unit else "",
            due_at=appointment.starts_at,
            url=site_url() + reverse("reception:manage", kwargs={"number": appointment.number}),
        ),
        actor=actor,
    )
