"""Citizens' pages of reception hours: schedules by group, free slots week by week,
requesting a slot, "Моите срещи", one meeting, cancelling it and its calendar file
(moving it: public_move.py).

A meeting is private: to anyone who may not see it, its page, its cancel form and
its calendar file answer 404, whether the number exists or not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from obshtina.organization.permissions import can_manage_schedule

from ..calendar import appointment_invitation
from ..forms import AppointmentCancelForm, AppointmentRequestForm
from ..models import Appointment, Schedule
from ..selectors import (
    alternative_slots,
    appointment_for_viewer,
    first_free_slots,
    has_confirmed_email,
    past_appointments,
    public_timeline,
    schedule_contact_phone,
    schedule_for_slug,
    schedule_week,
    schedules_by_group,
    upcoming_appointments,
    waitlist_entry_for,
    waitlist_of,
    waitlist_place,
    week_start,
    weekly_hours,
)
from ..services.booking import UNAVAILABLE_MESSAGES, BookingError, appointment_request
from ..services.decisions import appointment_cancel_by_citizen
from ..slots import Unavailable, parse_slot_key, slot_unavailable

SEARCH_MAX_LENGTH = 100
PAST_PAGE_SIZE = 20
# Booking errors about the slot itself: the page offers other free slots.
SLOT_ERROR_CODES = frozenset({reason.value for reason in Unavailable} | {"slot_taken"})


def index(request):
    """All current schedules by group, with a search that works without JavaScript."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    groups = schedules_by_group(query=query)
    context = {
        "groups": groups,
        "query": query,
        "count": sum(len(group.cards) for group in groups),
    }
    return render(request, "reception/index.html", context)


def schedule(request, slug: str):
    """One schedule: its weekly hours and its free slots, one week at a time."""
    schedule = _schedule_or_404(slug)
    now = timezone.now()
    week = schedule_week(schedule, monday=week_start(request.GET.get("week"), now=now), now=now)
    first_free = None
    if not week.has_slots:
        first_free = first_free_slots([schedule], now=now).get(schedule.pk)
    waitlist_entry = waitlist_entry_for(request.user, schedule)
    context = {
        "schedule": schedule,
        "hours": weekly_hours(schedule),
        "week": week,
        "first_free": first_free,
        "waitlist_entry": waitlist_entry,
        "waitlist_place": waitlist_place(waitlist_entry) if waitlist_entry else None,
        "email_confirmed": request.user.is_authenticated and has_confirmed_email(request.user),
    }
    return render(request, "reception/schedule.html", context)


@login_required
def slot_request(request, slug: str, key: str):
    """Ask for a slot. A slot that cannot be booked (taken a moment ago, past, on a
    holiday, …) is explained, and the week's free slots are offered as buttons that
    send the same form, so what the citizen typed is kept and one click books."""
    schedule = _schedule_or_404(slug)
    if not has_confirmed_email(request.user):
        return render(
            request, "reception/request.html", {"schedule": schedule, "unconfirmed": True}
        )
    now = timezone.now()
    choosing = "slot" in request.POST  # a button of another free slot was pressed
    wanted_key = request.POST.get("slot", "") if choosing else key
    starts_at = parse_slot_key(wanted_key)
    form = AppointmentRequestForm(request.POST or None, schedule=schedule)
    slot_problem = ""
    if request.method == "POST":
        if starts_at is None:
            slot_problem = _("Изберете един от свободните часове.") if choosing else _slot_missing()
        elif form.is_valid():
            try:
                appointment = appointment_request(
                    schedule=schedule,
                    starts_at=starts_at,
                    author=request.user,
                    **form.request_values(),
                )
            except BookingError as error:
                if getattr(error, "code", None) in SLOT_ERROR_CODES:
                    slot_problem = error.message
                else:
                    form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Заявката е изпратена; ще получите имейл, когато бъде одобрена.")
                )
                return redirect(appointment)
    slot = None
    if starts_at is not None and not slot_problem:
        reason, slot = slot_unavailable(schedule, starts_at, now=now)
        if reason is not None:
            slot_problem = UNAVAILABLE_MESSAGES[reason]
    elif starts_at is None and not slot_problem:
        slot_problem = _slot_missing()
    context = {
        "schedule": schedule,
        "form": form,
        "slot": slot,
        "wanted": starts_at,
        "slot_problem": slot_problem,
        # Around the slot asked for, even when the form came back without one (Enter in
        # a field): the citizen wanted that week, not this one.
        "alternatives": alternative_slots(
            schedule, around=starts_at or parse_slot_key(key), now=now
        )
        if slot_problem
        else [],
    }
    return render(request, "reception/request.html", context)


@login_required
def mine(request):
    """ "Моите срещи": upcoming ones first, then the past (paged)."""
    now = timezone.now()
    past = Paginator(past_appointments(request.user, now=now), PAST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "upcoming": upcoming_appointments(request.user, now=now),
        "past": past,
        "waitlist": waitlist_of(request.user),
    }
    return render(request, "reception/mine.html", context)


@never_cache
def appointment(request, number: str):
    item = appointment_for_viewer(user=request.user, number=number)
    if item is None:
        return not_found(request)
    return _appointment_page(request, item, cancel_form=AppointmentCancelForm())


@never_cache
@require_POST
def cancel(request, number: str):
    """The citizen calls off their own upcoming meeting, with a reason."""
    item = appointment_for_viewer(user=request.user, number=number)
    if item is None or item.author_id != request.user.pk:
        return not_found(request)
    form = AppointmentCancelForm(request.POST)
    if form.is_valid():
        try:
            appointment_cancel_by_citizen(
                appointment=item, citizen=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
            item.refresh_from_db()
        else:
            messages.success(request, _("Срещата е отказана и часът е освободен."))
            return redirect(item)
    return _appointment_page(request, item, cancel_form=form)


@never_cache
def calendar_file(request, number: str):
    """ "Добави в календара": the meeting's invitation (.ics) with its one UID."""
    item = appointment_for_viewer(user=request.user, number=number)
    if item is None:
        raise Http404
    response = HttpResponse(
        appointment_invitation(item), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{item.number}.ics")
    response["X-Robots-Tag"] = "noindex"
    return response


def _schedule_or_404(slug: str) -> Schedule:
    schedule = schedule_for_slug(slug)
    if schedule is None:
        raise Http404
    return schedule


def _slot_missing() -> str:
    return _("Няма такъв час в графика. Изберете един от свободните часове.")


def not_found(request):
    response = render(request, "reception/not_found.html", status=404)
    response["X-Robots-Tag"] = "noindex"
    return response


def _appointment_page(request, item: Appointment, *, cancel_form: AppointmentCancelForm):
    is_author = item.author_id == request.user.pk
    changeable = is_author and item.changeable_online()
    context = {
        "item": item,
        "is_author": is_author,
        "can_cancel": changeable,
        "can_move": changeable,
        "phone_instead": schedule_contact_phone(item.schedule)
        if is_author and item.is_upcoming and not changeable
        else "",
        "can_manage": can_manage_schedule(request.user, item.schedule),
        "cancel_form": cancel_form,
        "timeline": public_timeline(item),
        "show_video": item.status == Appointment.Status.APPROVED
        and bool(item.video_url)
        and item.is_upcoming,
    }
    response = render(request, "reception/appointment.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
