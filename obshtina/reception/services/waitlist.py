"""The waitlist of a full schedule: joining, offering freed slots in turn, accepting
an offer (a normal booking) and leaving.

A freed slot is offered to the first citizen on the list who holds no offer; when
several slots free at once, each goes to the next such citizen. An offer lasts
RECEPTION_WAITLIST_OFFER_HOURS, never past the schedule's cut-off before the slot.
An offer is not a booking: accepting books through `appointment_request`, so the
slot's unique index still decides between two people, and the loser keeps their
place. An offer let expire moves its citizen to the back of the list and the slot
to the next citizen (`waitlist_offers_process`, run every 10 minutes, and on
demand whenever a meeting frees its slot).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from obshtina.notifications.services import notification_queue, recipient_language

from ..models import Appointment, Schedule, WaitlistEntry
from ..selectors import has_confirmed_email
from ..slots import SOFIA, Slot, free_slots
from .booking import SlotTakenError, _clean_topic, appointment_request


class WaitlistError(ValidationError):
    """The citizen cannot join, accept or leave; the message is fit to show them."""


def schedule_free_slots(schedule: Schedule, *, now: datetime) -> list[Slot]:
    """The slots a citizen could book now, in time order."""
    first_day = now.astimezone(SOFIA).date()
    last_day = (now + timedelta(days=settings.RECEPTION_BOOKING_HORIZON_DAYS)).astimezone(SOFIA)
    return free_slots([schedule], first_day=first_day, last_day=last_day.date(), now=now).get(
        schedule.pk, []
    )


def waitlist_join(
    *, schedule: Schedule, citizen, topic: str, now: datetime | None = None
) -> WaitlistEntry:
    """Put a citizen with a confirmed e-mail at the end of a full schedule's list."""
    if not getattr(citizen, "pk", None) or not has_confirmed_email(citizen):
        raise WaitlistError(
            _("Потвърдете имейла си, за да се запишете в списъка на чакащите."),
            code="unconfirmed",
        )
    topic = _clean_topic(topic)
    now = now or timezone.now()
    if schedule_free_slots(schedule, now=now):
        raise WaitlistError(
            _("Графикът има свободни часове – запазете си час направо."), code="has_free_slots"
        )
    try:
        with transaction.atomic():
            return WaitlistEntry.objects.create(
                municipality_id=schedule.municipality_id,
                schedule=schedule,
                citizen=citizen,
                topic=topic,
                queued_at=now,
                created_at=now,
            )
    except IntegrityError as error:
        raise WaitlistError(
            _("Вече сте в списъка на чакащите за този график."), code="already_waiting"
        ) from error


def waitlist_leave(*, entry: WaitlistEntry, citizen, now: datetime | None = None) -> None:
    """The citizen leaves the list; a slot they were offered goes to the next one."""
    _require_own(entry, citizen)
    with transaction.atomic():
        WaitlistEntry.objects.filter(pk=entry.pk).delete()
        if entry.has_offer(now):
            waitlist_offer_freed(schedule=entry.schedule, now=now)


def waitlist_accept(*, entry: WaitlistEntry, citizen, now: datetime | None = None) -> Appointment:
    """Book the offered slot as the citizen's request and take them off the list.

    A slot someone else booked meanwhile raises WaitlistError (code "slot_gone")
    and the citizen keeps their place; other booking errors pass through.
    """
    _require_own(entry, citizen)
    now = now or timezone.now()
    if not entry.has_offer(now):
        raise WaitlistError(
            _("Предложението вече не е валидно. Оставате в списъка на чакащите."),
            code="offer_expired",
        )
    try:
        with transaction.atomic():
            appointment = appointment_request(
                schedule=entry.schedule,
                starts_at=entry.offered_starts_at,
                author=citizen,
                topic=entry.topic,
                now=now,
            )
            removed, _rows = WaitlistEntry.objects.filter(
                pk=entry.pk, offered_starts_at=entry.offered_starts_at
            ).delete()
            if not removed:
                raise SlotTakenError(_("Предложението вече не е валидно."), code="slot_taken")
    except SlotTakenError as error:
        WaitlistEntry.objects.filter(pk=entry.pk).update(
            offered_starts_at=None, offer_expires_at=None
        )
        raise WaitlistError(
            _(
                "Съжаляваме, този час междувременно е зает. Оставате на същото място в "
                "списъка и ще ви предложим следващия освободен час."
            ),
            code="slot_gone",
        ) from error
    return appointment


def waitlist_offer_freed(*, schedule: Schedule, now: datetime | None = None) -> int:
    """Offer the schedule's free slots to the citizens waiting, in turn, after moving
    those whose offer expired to the back. Call it inside the transaction that frees
    a slot, or from the periodic job. Returns the number of offers made."""
    now = now or timezone.now()
    if not WaitlistEntry.objects.filter(schedule=schedule).exists():
        return 0
    with transaction.atomic():
        # One offering at a time per schedule, so two never offer the same slot.
        Schedule.objects.select_for_update().filter(pk=schedule.pk).first()
        _expire(schedule, now=now)
        entries = list(WaitlistEntry.objects.filter(schedule=schedule).select_related("citizen"))
        offered = {entry.offered_starts_at for entry in entries if entry.has_offer(now)}
        waiting = [entry for entry in entries if not entry.has_offer(now)]
        cutoff = timedelta(hours=schedule.change_cutoff_hours)
        slots = [
            slot
            for slot in schedule_free_slots(schedule, now=now)
            if slot.starts_at not in offered and slot.starts_at - cutoff > now
        ]
        made = 0
        for entry, slot in zip(waiting, slots, strict=False):
            entry.offered_starts_at = slot.starts_at
            entry.offer_expires_at = min(
                now + timedelta(hours=settings.RECEPTION_WAITLIST_OFFER_HOURS),
                slot.starts_at - cutoff,
            )
            entry.save(update_fields=["offered_starts_at", "offer_expires_at"])
            _notify_offer(entry, slot)
            made += 1
    return made


def waitlist_offers_process(*, now: datetime | None = None) -> int:
    """The periodic job: expire offers and offer free slots on every schedule that
    has a waitlist (slots freed by a schedule change, an absence removed, …)."""
    now = now or timezone.now()
    schedule_ids = set(WaitlistEntry.objects.values_list("schedule_id", flat=True))
    return sum(
        waitlist_offer_freed(schedule=schedule, now=now)
        for schedule in Schedule.objects.filter(pk__in=schedule_ids)
    )


def _expire(schedule: Schedule, *, now: datetime) -> None:
    for entry in WaitlistEntry.objects.filter(schedule=schedule, offer_expires_at__lte=now):
        entry.offered_starts_at = entry.offer_expires_at = None
        entry.queued_at = now
        entry.save(update_fields=["offered_starts_at", "offer_expires_at", "queued_at"])


def _require_own(entry: WaitlistEntry, citizen) -> None:
    if entry.citizen_id != getattr(citizen, "pk", None):
        raise PermissionDenied


def _notify_offer(entry: WaitlistEntry, slot: Slot) -> None:
    language = recipient_language(entry.citizen)
    start, end = slot.starts_at.astimezone(SOFIA), slot.ends_at.astimezone(SOFIA)
    expires = entry.offer_expires_at.astimezone(SOFIA)
    with override(language):
        context = {
            "schedule": str(entry.schedule),
            "location": entry.schedule.location,
            "day": date_format(start, "l, j F Y"),
            "time": f"{start:%H:%M}–{end:%H:%M}",
            "topic": entry.topic,
            "expires": f"{date_format(expires, 'j F Y')}, {expires:%H:%M}",
            "url_path": reverse("reception:waitlist_offer", kwargs={"token": entry.token}),
        }
    notification_queue(
        to_email=entry.citizen.email,
        template="waitlist_offer",
        context=context,
        language=language,
        user=entry.citizen,
        about=entry,
    )


def waitlist_forget_citizen(user) -> int:
    """A deleted account leaves every list; slots it was offered go to the next.
    Runs inside the account deletion's transaction."""
    entries = list(WaitlistEntry.objects.filter(citizen=user).select_related("schedule"))
    for entry in entries:
        entry.delete()
        if entry.has_offer():
            waitlist_offer_freed(schedule=entry.schedule)
    return len(entries)
