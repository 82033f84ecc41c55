"""The citizen moves their own meeting to another free slot of its schedule
("Промени часа"): a week of free slots as buttons of one form, no JavaScript needed.
Past the schedule's cut-off the page gives the phone number instead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..selectors import (
    appointment_for_viewer,
    first_free_slots,
    schedule_contact_phone,
    schedule_week,
    week_start,
)
from ..services.decisions import appointment_reschedule_by_citizen, too_late_message
from ..slots import SOFIA, parse_slot_key
from .public import not_found


@never_cache
@login_required
def move(request, number: str):
    item = appointment_for_viewer(user=request.user, number=number)
    if item is None or item.author_id != request.user.pk:
        return not_found(request)
    now = timezone.now()
    problem = ""
    if request.method == "POST":
        starts_at = parse_slot_key(request.POST.get("slot", ""))
        if starts_at is None:
            problem = _("Изберете един от свободните часове.")
        else:
            try:
                appointment_reschedule_by_citizen(
                    appointment=item, citizen=request.user, starts_at=starts_at, now=now
                )
            except ValidationError as error:
                problem = error.messages[0]
                item.refresh_from_db()
            else:
                when = formats.date_format(item.starts_at.astimezone(SOFIA), "l, j F Y, H:i")
                messages.success(
                    request, _("Часът на срещата е променен: %(when)s.") % {"when": when}
                )
                return redirect(item)
    context = {"item": item, "problem": problem, "week": None, "first_free": None}
    if not item.is_upcoming:
        context["closed"] = _("Тази среща вече не предстои и часът ѝ не може да се променя.")
    elif not item.changeable_online(now):
        context["closed"] = too_late_message(item)
        context["phone"] = schedule_contact_phone(item.schedule)
    else:
        # The meeting's own week first: a move is most often by a day or two.
        wanted = request.GET.get("week") or item.starts_at.astimezone(SOFIA).date().isoformat()
        week = schedule_week(item.schedule, monday=week_start(wanted, now=now), now=now)
        context["week"] = week
        if not week.has_slots:
            context["first_free"] = first_free_slots([item.schedule], now=now).get(item.schedule.pk)
    response = render(request, "reception/move.html", context, status=400 if problem else 200)
    response["X-Robots-Tag"] = "noindex"
    return response
