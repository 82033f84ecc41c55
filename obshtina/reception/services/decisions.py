"""What happens to a meeting after it is booked: approve, reject, cancel, move (by
staff, or by its citizen until the schedule's cut-off), video link, held or missed.

Every change is a compare-and-swap on the status the actor saw: of two officials
who act at once, one wins and the other gets AppointmentChangedError. Each change
the citizen should hear of raises the invitation's SEQUENCE and queues an e-mail
in the same transaction.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.officials import Reason
from obshtina.organization.permissions import can_manage_schedule

from ..models import Appointment
from ..selectors import schedule_contact_phone
from ..slots import SOFIA, Slot, Unavailable, slot_unavailable
from ..video import video_link_generate
from .booking import UNAVAILABLE_MESSAGES, BookingError, SlotTakenError
from .notify import appointment_event_record, appointment_notify, appointment_officials_notify
from .waitlist import waitlist_offer_freed

REASON_MAX_LENGTH = 2000
Status = Appointment.Status


class AppointmentChangedError(ValidationError):
    """The meeting changed since the actor looked at it (another official acted)."""


def appointment_approve(
    *, appointment: Appointment, actor, video_url: str = "", generate_video: bool = False
) -> Appointment:
    """Approve a requested meeting, optionally with a video link (pasted or generated)."""
    _require_manager(actor, appointment)
    _require_upcoming(appointment)
    with transaction.atomic():
        _swap(appointment, expected=(Status.REQUESTED,), status=Status.APPROVED, actor=actor)
        link = _video_link(appointment, video_url=video_url, generate=generate_video)
        if link:
            Appointment.objects.filter(pk=appointment.pk).update(video_url=link)
        appointment.refresh_from_db()
        appointment_event_record(
            appointment=appointment, action="approved", actor=actor, from_status=Status.REQUESTED
        )
        appointment_notify(appointment=appointment, action="approved")
    return appointment


def appointment_reject(*, appointment: Appointment, actor, reason: str) -> Appointment:
    """Refuse a requested meeting, saying why; the slot is free again."""
    _require_manager(actor, appointment)
    reason = _clean_reason(reason)
    with transaction.atomic():
        _swap(
            appointment,
            expected=(Status.REQUESTED,),
            status=Status.REJECTED,
            actor=actor,
            reason=reason,
        )
        appointment_event_record(
            appointment=appointment,
            action="rejected",
            actor=actor,
            from_status=Status.REQUESTED,
            message=reason,
        )
        appointment_notify(appointment=appointment, action="rejected")
        waitlist_offer_freed(schedule=appointment.schedule)
    return appointment


def appointment_cancel_by_staff(*, appointment: Appointment, actor, reason: str) -> Appointment:
    """The administration calls off an upcoming meeting; the citizen hears why."""
    _require_manager(actor, appointment)
    return _cancel(appointment, reason=reason, actor=actor, action="cancelled_by_staff")


def appointment_cancel_by_citizen(*, appointment: Appointment, citizen, reason: str) -> Appointment:
    """A citizen calls off their own upcoming meeting, saying why (the official sees it)."""
    _require_author(citizen, appointment)
    _require_upcoming(appointment)
    _require_before_cutoff(appointment, now=timezone.now())
    return _cancel(appointment, reason=reason, actor=citizen, action="cancelled_by_citizen")


def _cancel(appointment: Appointment, *, reason: str, actor, action: str) -> Appointment:
    reason = _clean_reason(reason)
    _require_upcoming(appointment)
    with transaction.atomic():
        previous = appointment.status
        _swap(
            appointment,
            expected=Appointment.UPCOMING,
            status=Status.CANCELLED,
            # A decision is an official's; the citizen's own cancellation is in the event.
            actor=actor if action == "cancelled_by_staff" else None,
            reason=reason,
        )
        appointment_event_record(
            appointment=appointment,
            action=action,
            actor=actor,
            from_status=previous,
            message=reason,
        )
        appointment_notify(appointment=appointment, action=action)
        if action == "cancelled_by_citizen":
            appointment_officials_notify(
                appointment=appointment, reason=Reason.MEETING_CANCELLED, actor=actor
            )
        waitlist_offer_freed(schedule=appointment.schedule)
    return appointment


def appointment_mark_attendance(*, appointment: Appointment, actor, held: bool) -> Appointment:
    """After its start, an approved meeting is marked held (проведена) or missed."""
    _require_manager(actor, appointment)
    if appointment.starts_at > timezone.now():
        raise ValidationError(_("Срещата още не е започнала."), code="not_started")
    status = Status.HELD if held else Status.MISSED
    with transaction.atomic():
        _swap(appointment, expected=(Status.APPROVED,), status=status, actor=actor, notify=False)
        appointment_event_record(
            appointment=appointment,
            action="held" if held else "missed",
            actor=actor,
            from_status=Status.APPROVED,
        )
    return appointment


def appointment_set_video(
    *, appointment: Appointment, actor, video_url: str = "", generate: bool = False
) -> Appointment:
    """Attach (or replace) the video link of an upcoming meeting; the citizen gets it."""
    _require_manager(actor, appointment)
    _require_upcoming(appointment)
    with transaction.atomic():
        link = _video_link(appointment, video_url=video_url, generate=generate)
        if not link:
            raise ValidationError({"video_url": _("Въведете връзка или я генерирайте.")})
        changed = Appointment.objects.filter(
            pk=appointment.pk, status__in=Appointment.UPCOMING
        ).update(video_url=link, sequence=F("sequence") + 1)
        if not changed:
            raise _changed_error()
        appointment.refresh_from_db()
        appointment_event_record(appointment=appointment, action="video_added", actor=actor)
        appointment_notify(appointment=appointment, action="video_added")
    return appointment


def appointment_reschedule(*, appointment: Appointment, actor, starts_at: datetime) -> Appointment:
    """Staff move an upcoming meeting to another free slot of its schedule (the
    citizens' notice and horizon do not apply)."""
    _require_manager(actor, appointment)
    _require_upcoming(appointment)
    slot = _free_slot_for(appointment, starts_at, now=timezone.now(), honour_horizon=False)
    return _move(appointment, slot=slot, actor=actor)


def appointment_reschedule_by_citizen(
    *, appointment: Appointment, citizen, starts_at: datetime, now: datetime | None = None
) -> Appointment:
    """The citizen moves their own meeting to another free slot of the same schedule,
    until the schedule's cut-off before the meeting (then they phone).

    The meeting keeps its registry number, its calendar UID and its status: an
    approval is about the matter, and the new slot is one the official offers, so an
    approved meeting stays approved and a request keeps waiting. The schedule's
    officials are told, the timeline records from → to, and the citizen gets the
    updated invitation (a higher SEQUENCE).
    """
    _require_author(citizen, appointment)
    now = now or timezone.now()
    _require_upcoming(appointment)
    _require_before_cutoff(appointment, now=now)
    slot = _free_slot_for(appointment, starts_at, now=now, honour_horizon=True)
    with transaction.atomic():
        _move(appointment, slot=slot, actor=citizen)
        appointment_officials_notify(
            appointment=appointment, reason=Reason.MEETING_MOVED, actor=citizen
        )
    return appointment


class TooLateToChangeError(ValidationError):
    """Past the schedule's cut-off: the citizen must phone instead."""


def too_late_message(appointment: Appointment) -> str:
    return _(
        "Срещата вече не може да се промени или откаже онлайн: това е възможно до "
        "%(hours)s ч. преди нея. Обадете се на телефон %(phone)s."
    ) % {
        "hours": appointment.schedule.change_cutoff_hours,
        "phone": schedule_contact_phone(appointment.schedule),
    }


def _require_before_cutoff(appointment: Appointment, *, now: datetime) -> None:
    if now >= appointment.change_deadline:
        raise TooLateToChangeError(too_late_message(appointment), code="too_late")


def _require_author(citizen, appointment: Appointment) -> None:
    if not appointment.author_id or appointment.author_id != getattr(citizen, "pk", None):
        raise PermissionDenied


def _free_slot_for(
    appointment: Appointment, starts_at: datetime, *, now: datetime, honour_horizon: bool
) -> Slot:
    reason, slot = slot_unavailable(
        appointment.schedule, starts_at, now=now, honour_horizon=honour_horizon, ignore=appointment
    )
    if reason is None and slot.starts_at == appointment.starts_at:
        raise BookingError(_("Срещата вече е в този час. Изберете друг."), code="same_slot")
    if reason is Unavailable.TAKEN:
        raise SlotTakenError(UNAVAILABLE_MESSAGES[reason], code="slot_taken")
    if reason is not None:
        raise BookingError(UNAVAILABLE_MESSAGES[reason], code=reason.value)
    return slot


def _move(appointment: Appointment, *, slot: Slot, actor) -> Appointment:
    """Compare-and-swap on the start the actor saw; the slot's unique index (and on
    PostgreSQL the exclusion constraint) refuses a slot someone took meanwhile."""
    previous_start = appointment.starts_at
    with transaction.atomic():
        try:
            with transaction.atomic():
                changed = Appointment.objects.filter(
                    pk=appointment.pk,
                    status__in=Appointment.UPCOMING,
                    starts_at=previous_start,
                ).update(
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    sequence=F("sequence") + 1,
                )
        except IntegrityError as error:
            raise SlotTakenError(
                UNAVAILABLE_MESSAGES[Unavailable.TAKEN], code="slot_taken"
            ) from error
        if not changed:
            raise _changed_error()
        appointment.refresh_from_db()
        appointment_event_record(
            appointment=appointment,
            action="rescheduled",
            actor=actor,
            message=f"{_local(previous_start)} → {_local(appointment.starts_at)}",
        )
        appointment_notify(
            appointment=appointment, action="rescheduled", previous_start=previous_start
        )
        waitlist_offer_freed(schedule=appointment.schedule)  # the slot it left
    return appointment


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(SOFIA):%d.%m.%Y %H:%M}"


def _require_manager(actor, appointment: Appointment) -> None:
    if not can_manage_schedule(actor, appointment.schedule):
        raise PermissionDenied


def _require_upcoming(appointment: Appointment) -> None:
    if appointment.status not in Appointment.UPCOMING:
        raise _changed_error()
    if appointment.ends_at <= timezone.now():
        raise ValidationError(_("Срещата вече е минала."), code="past")


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Посочете причина.")}, code="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Причината е твърде дълга.")})
    return reason


def _changed_error() -> AppointmentChangedError:
    return AppointmentChangedError(
        _("Срещата междувременно е променена. Презаредете страницата."), code="changed"
    )


def _swap(
    appointment: Appointment,
    *,
    expected: tuple,
    status: str,
    actor,
    reason: str = "",
    notify: bool = True,
) -> None:
    """Compare-and-swap: change the status only if it is still one of `expected`."""
    fields = {"status": status, "decided_at": timezone.now()}
    if actor is not None:
        fields["decided_by"] = actor
    if reason:
        fields["reason"] = reason
    if notify:
        fields["sequence"] = F("sequence") + 1
    changed = Appointment.objects.filter(pk=appointment.pk, status__in=expected).update(**fields)
    if not changed:
        raise _changed_error()
    appointment.refresh_from_db()


def _video_link(appointment: Appointment, *, video_url: str, generate: bool) -> str:
    video_url = (video_url or "").strip()
    if video_url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["https", "http"])(video_url)
        except ValidationError as error:
            raise ValidationError(
                {"video_url": _("Въведете валиден адрес, започващ с https://.")}
            ) from error
        return video_url
    if generate:
        return video_link_generate(appointment=appointment)
    return ""
