"""Booking a free slot for someone who phoned or came to the counter: the
schedule's managers and the contact centre's operators."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from obshtina.audit.models import AccessRecord
from obshtina.audit.services import access_record
from obshtina.organization import permissions

from ..forms_staff import BookingForm, BookingSearchForm, add_service_error, day_label, slot_label
from ..models import Appointment
from ..selectors_staff import citizens_matching, free_slots_by_day, schedules_bookable_by
from ..services.booking import SlotTakenError, appointment_book_for_caller
from ..slots import SOFIA
from .staff import desk_only

BOOKING_DAYS = 7


@desk_only
@require_http_methods(["GET", "POST"])
def book(request):
    schedules = list(schedules_bookable_by(request.user))
    if request.method == "POST":
        return _book_post(request, schedules)
    search = BookingSearchForm(request.GET or None, schedules=schedules)
    criteria = {"schedule": None, "email": "", "phone": "", "name": ""}
    if search.is_bound:
        search.is_valid()
        criteria.update(search.cleaned_data)
    schedule = criteria["schedule"]
    booking = None
    if schedule is not None:
        booking = BookingForm(
            initial={
                "citizen_name": criteria["name"],
                "citizen_phone": criteria["phone"],
                "citizen_email": criteria["email"],
            },
            matches=citizens_matching(email=criteria["email"], phone=criteria["phone"]),
            offers_video=schedule.offers_video,
        )
    return _book_page(request, search=search, schedule=schedule, booking=booking)


def _book_post(request, schedules):
    schedule = {str(item.pk): item for item in schedules}.get(request.POST.get("schedule", ""))
    if schedule is None:
        messages.error(request, _("Изберете график, в който можете да записвате часове."))
        return redirect("reception:book")
    booking = BookingForm(
        request.POST,
        matches=citizens_matching(
            email=request.POST.get("citizen_email", ""),
            phone=request.POST.get("citizen_phone", ""),
        ),
        offers_video=schedule.offers_video,
    )
    if booking.is_valid():
        data = booking.cleaned_data
        try:
            appointment = appointment_book_for_caller(
                schedule=schedule,
                starts_at=data["slot"],
                booked_by=request.user,
                topic=data["topic"],
                citizen=booking.citizen,
                citizen_name=data["citizen_name"],
                citizen_phone=data["citizen_phone"],
                citizen_email=data["citizen_email"],
                document_number=data["document_number"],
                wants_video=data.get("wants_video", False),
                channel=data["channel"],
            )
        except SlotTakenError as error:
            booking.add_error("slot", error)
        except ValidationError as error:
            add_service_error(booking, error)
        else:
            return _booked(request, appointment)
    messages.error(request, _("Часът не е записан: вижте отбелязаните полета."))
    search = BookingSearchForm(schedules=schedules, initial={"schedule": str(schedule.pk)})
    return _book_page(request, search=search, schedule=schedule, booking=booking, status=400)


def _booked(request, appointment: Appointment):
    local = appointment.starts_at.astimezone(SOFIA)
    messages.success(
        request,
        _("Часът е записан под номер %(number)s: %(day)s, %(time)s.")
        % {
            "number": appointment.number,
            "day": date_format(local, "l, j F Y"),
            "time": f"{local:%H:%M}",
        },
    )
    if permissions.can_manage_schedule(request.user, appointment.schedule):
        return redirect("reception:manage", number=appointment.number)
    return redirect("reception:book")


def _first_day(request) -> date:
    today = timezone.localdate()
    try:
        chosen = date.fromisoformat(request.GET.get("from") or request.POST.get("from") or "")
    except ValueError:
        return today
    return min(max(chosen, today), today + timedelta(days=365))


def _book_page(request, *, search, schedule, booking, status=200):
    context = {"search": search, "schedule": schedule, "booking": booking}
    if booking is not None:
        # The accounts found by the typed e-mail or phone show their names and contacts.
        access_record(request, *booking.matches.values(), what=AccessRecord.What.CONTACTS)
    if schedule is not None:
        first_day = _first_day(request)
        slot_days = free_slots_by_day(schedule, first_day=first_day, days=BOOKING_DAYS)
        chosen = booking["slot"].value() if booking is not None and booking.is_bound else ""
        params = {
            key: request.GET.get(key, "")
            for key in ("email", "phone", "name")
            if request.GET.get(key)
        }
        params["schedule"] = schedule.pk
        today = timezone.localdate()
        earlier = max(first_day - timedelta(days=BOOKING_DAYS), today)
        context.update(
            {
                "first_day": first_day,
                "last_day": first_day + timedelta(days=BOOKING_DAYS - 1),
                "slot_days": [
                    (day_label(day), [(slot.key, slot_label(slot)) for slot in slots])
                    for day, slots in slot_days
                ],
                "chosen_slot": chosen,
                "earlier_query": urlencode({**params, "from": earlier.isoformat()})
                if first_day > today
                else "",
                "later_query": urlencode(
                    {**params, "from": (first_day + timedelta(days=BOOKING_DAYS)).isoformat()}
                ),
            }
        )
    return render(request, "reception/staff_book.html", context, status=status)
