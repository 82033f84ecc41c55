"""Reception hours: schedules by group, free slots, and a signed-in citizen's meetings
(request, list, cancel) through the reception services.

A slot someone else took answers 409 with the schedule's current free slots, so
an app can offer another time at once.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate
from pydantic import Field

from obshtina.reception.models import Appointment, Schedule
from obshtina.reception.selectors import (
    alternative_slots,
    appointment_for_viewer,
    past_appointments,
    schedule_for_slug,
    upcoming_appointments,
)
from obshtina.reception.services.booking import (
    BookingError,
    SlotTakenError,
    appointment_request,
)
from obshtina.reception.services.decisions import (
    appointment_cancel_by_citizen,
    appointment_reschedule_by_citizen,
)
from obshtina.reception.slots import SOFIA, Slot, Unavailable, free_slots

from . import schemas, selectors
from .auth import AUTH, user_of
from .contract import server_checks
from .errors import ApiError, error_response
from .idempotency import CONFLICTS as IDEMPOTENCY_CONFLICTS
from .idempotency import OPENAPI as IDEMPOTENCY_KEY
from .idempotency import idempotent
from .pagination import Pages

router = Router(tags=["Приемно време"])

MAX_RANGE_DAYS = 56  # eight weeks of free slots in one answer
DEFAULT_RANGE_DAYS = 14
# Dates far from today mean nothing here; outside them date arithmetic could overflow.
FIRST_YEAR, LAST_YEAR = 2000, 2100
ERRORS = (400, 401, 403, 404)
# The booking service's refusals of the requested time, not of the citizen.
TIME_REFUSALS = frozenset(reason.value for reason in Unavailable)
YEARS = f"in the years {FIRST_YEAR}–{LAST_YEAR}"


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, fields={field: [message]})


def schedule_or_404(slug: str) -> Schedule:
    schedule = schedule_for_slug(slug) if schemas.is_storable(slug) else None
    if schedule is None:
        raise ApiError(404, "not_found", _("Няма такъв график."))
    return schedule


def _slot(slot: Slot) -> dict:
    return {"start": slot.starts_at, "end": slot.ends_at, "key": slot.key}


def _schedule(request, schedule: Schedule) -> dict:
    return {
        "slug": schedule.slug,
        "title": schedule.title,
        "host_name": schedule.host_name,
        "unit": schedule.unit.name if schedule.unit else None,
        "location": schedule.location,
        "description": schedule.description,
        "offers_video": schedule.offers_video,
        "url": request.build_absolute_uri(schedule.get_absolute_url()),
    }


def _group(request, group_and_schedules) -> dict:
    group, schedules = group_and_schedules
    return {
        "slug": group.slug,
        "name": group.name,
        "description": group.description,
        "schedules": [_schedule(request, schedule) for schedule in schedules],
    }


@router.get(
    "reception/groups",
    response={200: list[schemas.ScheduleGroupOut], **schemas.errors(400)},
    summary="Графици по групи",
)
@paginate(Pages, present=_group)
def groups(request):
    return selectors.schedule_groups()


class SlotsQuery(Schema):
    date_from: date | None = Field(None, alias="from", description="Default: today.")
    date_to: date | None = Field(None, alias="to", description="Default: two weeks on.")


@router.get(
    "reception/schedules/{slug}/slots",
    response={200: schemas.SlotsOut, **schemas.errors(400, 404)},
    summary="Свободни часове на график",
    by_alias=True,
)
@server_checks(
    {
        "from": f"a day {YEARS}",
        "to": f"a day {YEARS}, not before `from` (default today) and at most "
        f"{MAX_RANGE_DAYS // 7} weeks after it",
    }
)
def slots(request, slug: str, query: Query[SlotsQuery]):
    """At most eight weeks at a time; both days are included."""
    schedule = schedule_or_404(slug)
    first_day = query.date_from or timezone.localdate()
    last_day = query.date_to or first_day + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    for field, day in (("from", first_day), ("to", last_day)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise _invalid(
                field,
                _("Изберете дата между %(first)s и %(last)s година.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
    if last_day < first_day:
        raise _invalid("to", _("Крайната дата е преди началната."))
    if (last_day - first_day).days >= MAX_RANGE_DAYS:
        raise _invalid(
            "to",
            _("Може да търсите свободни часове за най-много %(weeks)s седмици наведнъж.")
            % {"weeks": MAX_RANGE_DAYS // 7},
        )
    return {
        "schedule": schedule.slug,
        "from": first_day,
        "to": last_day,
        "slots": [
            _slot(slot)
            for slot in free_slots([schedule], first_day=first_day, last_day=last_day)[schedule.pk]
        ],
    }


def appointment_answer(request, appointment: Appointment) -> dict:
    return {
        "number": appointment.number,
        "url": request.build_absolute_uri(appointment.get_absolute_url()),
        "schedule": appointment.schedule.slug,
        "schedule_title": str(appointment.schedule),
        "location": appointment.schedule.location,
        "start": timezone.localtime(appointment.starts_at, SOFIA),
        "end": timezone.localtime(appointment.ends_at, SOFIA),
        "status": appointment.status,
        "status_label": appointment.get_status_display(),
        "topic": appointment.topic,
        "document_number": appointment.document_number,
        "wants_video": appointment.wants_video,
        "video_url": appointment.video_url,
        "reason": appointment.reason,
        "created_at": appointment.created_at,
        "change_until": timezone.localtime(appointment.change_deadline, SOFIA),
    }


def _appointment_or_404(user, number: str) -> Appointment:
    """The user's own meeting; anyone else's is 404, as if it did not exist."""
    appointment = None
    if schemas.is_storable(number):
        appointment = appointment_for_viewer(user=user, number=number)
    if appointment is None or appointment.author_id != user.pk:
        raise ApiError(404, "not_found", _("Няма ваша среща с такъв номер."))
    return appointment


@router.get(
    "my/appointments",
    auth=AUTH,
    response={200: list[schemas.AppointmentOut], **schemas.errors(400, 401)},
    summary="Моите срещи",
)
@paginate(Pages, present=appointment_answer)
def my_appointments(request):
    """Upcoming meetings first (soonest first), then the rest (latest first)."""
    user = user_of(request)
    return [*upcoming_appointments(user), *past_appointments(user)]


@router.get(
    "appointments/{number}",
    auth=AUTH,
    response={200: schemas.AppointmentOut, **schemas.errors(401, 404)},
    summary="Моя среща",
)
def appointment_detail(request, number: str):
    return appointment_answer(request, _appointment_or_404(user_of(request), number))


def _sofia_time(start: datetime) -> datetime:
    """An aware start in Europe/Sofia; a start without an offset is Sofia wall-clock time."""
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise _invalid("start", _("Този час не е в приемното време на графика."))
    if timezone.is_naive(start):
        return start.replace(tzinfo=SOFIA)
    return start.astimezone(SOFIA)


@router.post(
    "appointments",
    auth=AUTH,
    response={201: schemas.AppointmentOut, 409: schemas.Conflict, **schemas.errors(*ERRORS)},
    summary="Заявка за среща",
    openapi_extra=IDEMPOTENCY_KEY,
)
@decorate_view(idempotent)
@server_checks(
    {
        "start": f"a free slot of the schedule (`…/slots`), {YEARS}: not past, not too soon "
        "and not too far ahead; one taken meanwhile is a 409 `slot_taken`",
    },
    state_errors={
        "too_many_pending": "400, the citizen's requests still waiting for approval are "
        "as many as the municipality allows",
        **IDEMPOTENCY_CONFLICTS,
    },
)
def appointment_create(request, payload: schemas.AppointmentIn):
    """The meeting waits for the official's approval and holds its slot meanwhile.
    A taken slot answers 409 with the free slots of its week (or the next week with any)."""
    user = user_of(request)
    schedule = schedule_or_404(payload.schedule)
    starts_at = _sofia_time(payload.start)
    try:
        appointment = appointment_request(
            schedule=schedule,
            starts_at=starts_at,
            author=user,
            topic=payload.topic,
            document_number=payload.document_number,
            wants_video=payload.wants_video,
            channel=Appointment.Channel.API,
        )
    except SlotTakenError as error:
        offered = alternative_slots(schedule, around=starts_at)
        return error_response(
            409,
            "slot_taken",
            " ".join(error.messages),
            fields={"start": error.messages},
            free_slots=[_slot(slot) for day in offered for slot in day.slots],
        )
    except BookingError as error:
        if getattr(error, "code", None) not in TIME_REFUSALS:
            raise
        message = " ".join(error.messages)
        raise ApiError(400, error.code, message, fields={"start": [message]}) from None
    return Status(201, appointment_answer(request, appointment))


@router.post(
    "appointments/{number}/cancel",
    auth=AUTH,
    response={200: schemas.AppointmentOut, **schemas.errors(*ERRORS, 409)},
    summary="Отказ от среща",
)
@server_checks(
    state_errors={
        "changed": "409, the meeting was decided otherwise or cancelled meanwhile",
        "past": "400, the meeting is over",
    }
)
def appointment_cancel(request, number: str, payload: schemas.CancelIn):
    """The official sees the reason; a meeting already decided otherwise answers 409."""
    user = user_of(request)
    appointment = _appointment_or_404(user, number)
    appointment = appointment_cancel_by_citizen(
        appointment=appointment, citizen=user, reason=payload.reason
    )
    return appointment_answer(request, appointment)


@router.post(
    "appointments/{number}/move",
    auth=AUTH,
    response={200: schemas.AppointmentOut, 409: schemas.Conflict, **schemas.errors(*ERRORS)},
    summary="Преместване на среща в друг свободен час",
)
@server_checks(
    {
        "start": f"a free slot of the meeting's own schedule, {YEARS}, other than its time; "
        "one taken meanwhile is a 409 `slot_taken`",
    },
    state_errors={
        "too_late": "400, past the schedule's cut-off before the meeting: the citizen phones",
        "changed": "409, the meeting was decided otherwise or cancelled meanwhile",
        "past": "400, the meeting is over",
    },
)
def appointment_move(request, number: str, payload: schemas.MoveIn):
    """Until the schedule's cut-off; the meeting keeps its number, calendar event and
    status, and the officials are told."""
    user = user_of(request)
    appointment = _appointment_or_404(user, number)
    starts_at = _sofia_time(payload.start)
    try:
        appointment = appointment_reschedule_by_citizen(
            appointment=appointment, citizen=user, starts_at=starts_at
        )
    except SlotTakenError as error:
        offered = alternative_slots(appointment.schedule, around=starts_at)
        return error_response(
            409,
            "slot_taken",
            " ".join(error.messages),
            fields={"start": error.messages},
            free_slots=[_slot(slot) for day in offered for slot in day.slots],
        )
    except BookingError as error:
        message = " ".join(error.messages)
        raise ApiError(400, error.code or "invalid", message, fields={"start": [message]}) from None
    return appointment_answer(request, appointment)
