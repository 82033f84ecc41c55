"""The waitlist of a full schedule, as on the site: a signed-in citizen with a confirmed
e-mail joins it, sees their place and any freed slot offered to them, accepts the offer
(a normal booking request) or leaves."""

import uuid

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from obshtina.reception.models import WaitlistEntry
from obshtina.reception.selectors import waitlist_entry_for_token, waitlist_of, waitlist_place
from obshtina.reception.services.waitlist import (
    WaitlistError,
    waitlist_accept,
    waitlist_join,
    waitlist_leave,
)
from obshtina.reception.slots import SOFIA

from . import schemas
from .auth import AUTH, user_of
from .contract import server_checks
from .errors import ApiError, error_response
from .pagination import Pages
from .reception import appointment_answer, schedule_or_404

router = Router(tags=["Приемно време"])


def _entry(request, entry: WaitlistEntry) -> dict:
    offer = None
    if entry.has_offer(timezone.now()):
        offer = {
            "start": timezone.localtime(entry.offered_starts_at, SOFIA),
            "expires_at": timezone.localtime(entry.offer_expires_at, SOFIA),
        }
    return {
        "id": entry.token,
        "schedule": entry.schedule.slug,
        "schedule_title": str(entry.schedule),
        "topic": entry.topic,
        "place": getattr(entry, "place", None) or waitlist_place(entry),
        "since": timezone.localtime(entry.queued_at, SOFIA),
        "offer": offer,
    }


def _entry_or_404(request, entry_id: uuid.UUID) -> WaitlistEntry:
    entry = waitlist_entry_for_token(user_of(request), entry_id)
    if entry is None:
        raise ApiError(404, "not_found", _("Не сте в списък на чакащите с такъв номер."))
    return entry


@router.post(
    "reception/schedules/{slug}/waitlist",
    auth=AUTH,
    response={201: schemas.WaitlistOut, **schemas.errors(400, 401, 403, 404)},
    summary="Записване в списъка на чакащите",
)
@server_checks(
    state_errors={
        "unconfirmed": "403, the citizen's e-mail is not confirmed yet",
        "has_free_slots": "400, the schedule has free slots: book one instead",
        "already_waiting": "400, the citizen is on this schedule's list already",
    }
)
def waitlist_create(request, slug: str, payload: schemas.WaitlistIn):
    """For a schedule without free slots: when one frees, it is offered to the citizens
    on the list in turn, by e-mail and in `GET /my/waitlist`."""
    entry = waitlist_join(
        schedule=schedule_or_404(slug), citizen=user_of(request), topic=payload.topic
    )
    return Status(201, _entry(request, entry))


@router.get(
    "my/waitlist",
    auth=AUTH,
    response={200: list[schemas.WaitlistOut], **schemas.errors(400, 401)},
    summary="Моите места в списъци на чакащите",
)
@paginate(Pages, present=_entry)
def my_waitlist(request):
    return waitlist_of(user_of(request))


@router.post(
    "my/waitlist/{entry_id}/accept",
    auth=AUTH,
    response={201: schemas.AppointmentOut, **schemas.errors(400, 401, 403, 404, 409)},
    summary="Приемане на предложен час",
)
@server_checks(
    state_errors={
        "offer_expired": "400, no offer is held (none yet, or it expired): the place is kept",
        "slot_gone": "409, someone booked the slot meanwhile: the place is kept",
        "too_many_pending": "400, the citizen's requests still waiting for approval are "
        "as many as the municipality allows",
    }
)
def waitlist_offer_accept(request, entry_id: uuid.UUID):
    """Books the offered slot as a request waiting for the official's approval."""
    entry = _entry_or_404(request, entry_id)
    try:
        appointment = waitlist_accept(entry=entry, citizen=user_of(request))
    except WaitlistError as error:
        if error.code != "slot_gone":
            raise
        return error_response(409, error.code, " ".join(error.messages))
    return Status(201, appointment_answer(request, appointment))


@router.delete(
    "my/waitlist/{entry_id}",
    auth=AUTH,
    response={204: None, **schemas.errors(400, 401, 403, 404)},
    summary="Напускане на списъка на чакащите",
)
def waitlist_delete(request, entry_id: uuid.UUID):
    """A slot offered to the citizen goes to the next one on the list."""
    waitlist_leave(entry=_entry_or_404(request, entry_id), citizen=user_of(request))
    return Status(204, None)
