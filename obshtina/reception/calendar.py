"""Calendar invitations (iCalendar, RFC 5545/5546) for meetings.

One UID per meeting and a SEQUENCE raised on every change make calendars
update the same event instead of adding another; a cancelled meeting is sent
with METHOD:CANCEL and STATUS:CANCELLED so it disappears from the calendar.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from obshtina.organization.selectors import current_municipality, site_url

from .models import Appointment

_ACTIVE_STATUS = {
    Appointment.Status.REQUESTED: "TENTATIVE",
    Appointment.Status.APPROVED: "CONFIRMED",
}


def appointment_uid(appointment: Appointment) -> str:
    return f"{appointment.uid}@{urlsplit(site_url()).hostname or 'localhost'}"


def appointment_invitation(appointment: Appointment, *, now: datetime | None = None) -> str:
    """The meeting as an invitation: REQUEST while it stands, CANCEL once it is
    rejected or cancelled. Times are written in UTC, which every calendar reads."""
    municipality = current_municipality()
    cancelled = appointment.status not in _ACTIVE_STATUS
    calendar = Calendar()
    calendar.add("prodid", "-//Obshtina e-services//reception//BG")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", appointment.starts_at.astimezone(UTC))
    event.add("dtend", appointment.ends_at.astimezone(UTC))
    event.add("summary", f"{municipality.name}: {appointment.schedule}")
    event.add("status", "CANCELLED" if cancelled else _ACTIVE_STATUS[appointment.status])
    if appointment.schedule.location:
        event.add("location", appointment.schedule.location)
    description = [f"{appointment.number} – {appointment.topic}"]
    if appointment.standing_video_url:
        description.append(appointment.standing_video_url)
        event.add("url", appointment.standing_video_url)
    event.add("description", "\n".join(description))

    organizer = vCalAddress(f"mailto:{_address_of(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = vText(municipality.name)
    event.add("organizer", organizer)
    if appointment.contact_email:
        attendee = vCalAddress(f"mailto:{appointment.contact_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _address_of(from_email: str) -> str:
    """ "Община Самоков <noreply@samokov.bg>" → "noreply@samokov.bg"."""
    if "<" in from_email:
        return from_email.split("<", 1)[1].rstrip(">").strip()
    return from_email.strip()
