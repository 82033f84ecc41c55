"""Booking a meeting: a citizen's request, or staff booking for a caller.

No double booking: a requested meeting already holds its slot. Python checks
the slot first for a clear message, and the database has the last word — a
conditional unique index on (schedule, start) for meetings that hold their slot
(every database) and, on PostgreSQL, an exclusion constraint on overlapping
time ranges. The loser of a race gets SlotTakenError, never a second meeting.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from obshtina.notifications.officials import Reason
from obshtina.registry.services import registry_number_assign

from ..models import Appointment, Schedule
from ..slots import Slot, Unavailable, slot_unavailable
from .notify import appointment_event_record, appointment_notify, appointment_officials_notify

TOPIC_MAX_LENGTH = 300
DOCUMENT_NUMBER_MAX_LENGTH = 64

UNAVAILABLE_MESSAGES = {
    Unavailable.PAST: _("Този час вече е минал. Изберете друг."),
    Unavailable.TOO_SOON: _("Този час е твърде скоро. Изберете по-късен час."),
    Unavailable.TOO_FAR: _("Още не се записва за толкова напред. Изберете по-ранен час."),
    Unavailable.NOT_VALID: _("Графикът не е в сила в този ден."),
    Unavailable.HOLIDAY: _("Този ден е официален празник и няма приемно време."),
    Unavailable.ABSENCE: _("В този ден няма приемно време (отсъствие)."),
    Unavailable.OUTSIDE: _("Този час не е в приемното време на графика."),
    Unavailable.TAKEN: _("Този час току-що беше зает. Изберете друг свободен час."),
}


class BookingError(ValidationError):
    """The meeting cannot be booked; the message is fit to show the citizen."""


class SlotTakenError(BookingError):
    """Someone else holds the slot (the view shows the current free slots)."""


def appointment_request(
    *,
    schedule: Schedule,
    starts_at: datetime,
    author,
    topic: str,
    document_number: str = "",
    wants_video: bool = False,
    channel: str = Appointment.Channel.WEB,
    now: datetime | None = None,
) -> Appointment:
    """A registered citizen with a confirmed e-mail asks for a free slot.

    The meeting waits for approval (заявена) and holds its slot meanwhile.
    """
    if not getattr(author, "pk", None) or not _has_confirmed_email(author):
        raise BookingError(_("Потвърдете имейла си, за да запазите час."), code="unconfirmed")
    topic, document_number = _clean_topic(topic), _clean_document_number(document_number)
    now = now or timezone.now()
    with transaction.atomic():
        # Serialises one citizen's requests, so the pending limit cannot be raced.
        get_user_model().objects.select_for_update().filter(pk=author.pk).first()
        pending = Appointment.objects.filter(
            author=author, status=Appointment.Status.REQUESTED, starts_at__gt=now
        ).count()
        if pending >= settings.RECEPTION_MAX_PENDING:
            raise BookingError(
                ngettext(
                    "Имате %(count)s заявка, която чака одобрение. Изчакайте решение "
                    "или я откажете, преди да заявите нова.",
                    "Имате %(count)s заявки, които чакат одобрение. Изчакайте решение "
                    "или откажете някоя от тях, преди да заявите нова.",
                    pending,
                )
                % {"count": pending},
                code="too_many_pending",
            )
        slot = _free_slot(schedule, starts_at, now=now, honour_horizon=True)
        appointment = _create(
            schedule=schedule,
            slot=slot,
            status=Appointment.Status.REQUESTED,
            channel=channel,
            topic=topic,
            document_number=document_number,
            wants_video=wants_video and schedule.offers_video,
            author=author,
            now=now,
        )
        appointment_event_record(appointment=appointment, action="requested", actor=author)
        appointment_notify(appointment=appointment, action="requested")
        appointment_officials_notify(
            appointment=appointment, reason=Reason.MEETING_REQUESTED, actor=author
        )
    return appointment


def appointment_book_for_caller(
    *,
    schedule: Schedule,
    starts_at: datetime,
    booked_by,
    topic: str,
    citizen=None,
    citizen_name: str = "",
    citizen_phone: str = "",
    citizen_email: str = "",
    document_number: str = "",
    wants_video: bool = False,
    channel: str = Appointment.Channel.PHONE,
    now: datetime | None = None,
) -> Appointment:
    """Staff book a free slot for someone who phoned or came to the counter.

    For a registered citizen (`citizen`) or a person without an account (name and
    phone required, e-mail optional). Approved at once; the citizen is notified.
    The citizens' booking notice and horizon do not apply, the past does.
    """
    topic, document_number = _clean_topic(topic), _clean_document_number(document_number)
    if citizen is None:
        errors = {}
        if not citizen_name.strip():
            errors["citizen_name"] = _("Въведете името на гражданина.")
        if not citizen_phone.strip():
            errors["citizen_phone"] = _("Въведете телефон за връзка.")
        if errors:
            raise BookingError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        slot = _free_slot(schedule, starts_at, now=now, honour_horizon=False)
        appointment = _create(
            schedule=schedule,
            slot=slot,
            status=Appointment.Status.APPROVED,
            channel=channel,
            topic=topic,
            document_number=document_number,
            wants_video=wants_video and schedule.offers_video,
            author=citizen,
            citizen_name="" if citizen else citizen_name.strip(),
            citizen_phone="" if citizen else citizen_phone.strip(),
            citizen_email="" if citizen else citizen_email.strip(),
            booked_by=booked_by,
            decided_by=booked_by,
            decided_at=now,
            now=now,
        )
        appointment_event_record(appointment=appointment, action="booked", actor=booked_by)
        appointment_notify(appointment=appointment, action="booked")
    return appointment


def _has_confirmed_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _clean_topic(topic: str) -> str:
    topic = " ".join((topic or "").split())
    if not topic:
        raise BookingError({"topic": _("Напишете темата на срещата.")}, code="topic")
    if len(topic) > TOPIC_MAX_LENGTH:
        raise BookingError(
            {"topic": _("Темата е твърде дълга (до %(max)s знака).") % {"max": TOPIC_MAX_LENGTH}}
        )
    return topic


def _clean_document_number(number: str) -> str:
    number = " ".join((number or "").split())
    if len(number) > DOCUMENT_NUMBER_MAX_LENGTH:
        raise BookingError({"document_number": _("Номерът на документа е твърде дълъг.")})
    return number


def _free_slot(schedule: Schedule, starts_at: datetime, *, now, honour_horizon: bool) -> Slot:
    reason, slot = slot_unavailable(schedule, starts_at, now=now, honour_horizon=honour_horizon)
    if reason is Unavailable.TAKEN:
        raise SlotTakenError(UNAVAILABLE_MESSAGES[reason], code="slot_taken")
    if reason is not None:
        raise BookingError(UNAVAILABLE_MESSAGES[reason], code=reason.value)
    return slot


def _create(*, schedule: Schedule, slot: Slot, now: datetime, **fields) -> Appointment:
    try:
        # A savepoint: the loser of a race keeps a usable transaction to report from,
        # and has not touched the registry counter.
        with transaction.atomic():
            appointment = Appointment.objects.create(
                schedule=schedule,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                created_at=now,
                **fields,
            )
    except IntegrityError as error:
        raise SlotTakenError(UNAVAILABLE_MESSAGES[Unavailable.TAKEN], code="slot_taken") from error
    # Last but the event and the e-mail, which show the number: the series'
    # counter stays locked from here to the commit.
    registry_number_assign(item=appointment, series="appointments", at=now)
    return appointment
