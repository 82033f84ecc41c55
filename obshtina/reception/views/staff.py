"""The officials' side of reception hours: the desk, one meeting's page with its
decisions, and starting the video meeting (booking for a caller: staff_booking).

A meeting of a schedule the user does not manage is a 404, so its existence is
not confirmed to them; people who serve no schedule get 403 on every page.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.request import urlopen

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from obshtina.audit.services import access_record
from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from ..forms_staff import (
    ApproveForm,
    DeskFilterForm,
    ReasonForm,
    RescheduleForm,
    VideoLinkForm,
    add_service_error,
)
from ..models import Appointment
from ..selectors_staff import (
    appointment_for_manager,
    appointment_timeline,
    desk_lists,
    document_panel,
    free_slots_by_day,
    schedules_bookable_by,
    schedules_managed_by,
    waitlists_of,
)
from ..services import decisions
from ..slots import SOFIA
from ..video import bigbluebutton_create_url, can_generate_video_link, video_link_generate

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
RESCHEDULE_DAYS = 28
BBB_TIMEOUT_SECONDS = 5
CHANGED_MESSAGE = _(
    "Срещата междувременно е променена. Ето текущото ѝ състояние – прегледайте го и решете отново."
)

desk_only = allowed_if(permissions.can_use_reception_desk)
Status = Appointment.Status


@desk_only
@require_GET
def desk(request):
    schedules = schedules_managed_by(request.user)
    form = DeskFilterForm(request.GET or None, schedules=schedules)
    filters = {}
    if form.is_bound:
        form.is_valid()  # a bad filter is ignored (and shown); the good ones still apply
        filters = form.cleaned_data
    lists = desk_lists(
        schedules=schedules, schedule=filters.get("schedule"), day=filters.get("day")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reception/staff_desk.html",
        {
            "form": form,
            "lists": lists,
            "page": Paginator(lists.approved, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
            "waitlist": waitlists_of(schedules=schedules, schedule=filters.get("schedule")),
            "has_schedules": schedules.exists(),
            "can_book": schedules_bookable_by(request.user).exists(),
            "can_edit_schedules": permissions.can_edit_schedules(request.user),
        },
    )


@dataclass(frozen=True)
class Action:
    """One decision on a meeting's page: its form, when it is offered, what it does."""

    make_form: Callable
    offered: Callable[[Appointment, datetime], bool]
    run: Callable
    success: str


def _upcoming(appointment: Appointment, now: datetime, statuses) -> bool:
    return appointment.status in statuses and appointment.ends_at > now


ACTIONS = {
    "approve": Action(
        make_form=lambda data, **kw: ApproveForm(data, **kw),
        offered=lambda a, now: _upcoming(a, now, (Status.REQUESTED,)),
        run=lambda a, actor, data: decisions.appointment_approve(
            appointment=a,
            actor=actor,
            video_url=data["video_url"],
            generate_video=data.get("generate", False),
        ),
        success=_("Срещата е одобрена; гражданинът е уведомен."),
    ),
    "reject": Action(
        make_form=lambda data, **kw: ReasonForm(data, label=_("Причина за отказа"), **kw),
        offered=lambda a, now: _upcoming(a, now, (Status.REQUESTED,)),
        run=lambda a, actor, data: decisions.appointment_reject(
            appointment=a, actor=actor, reason=data["reason"]
        ),
        success=_("Заявката е отказана; гражданинът е уведомен."),
    ),
    "video": Action(
        make_form=lambda data, **kw: VideoLinkForm(data, **kw),
        offered=lambda a, now: _upcoming(a, now, (Status.APPROVED,)),
        run=lambda a, actor, data: decisions.appointment_set_video(
            appointment=a,
            actor=actor,
            video_url=data["video_url"],
            generate=data.get("generate", False),
        ),
        success=_("Връзката за видеосреща е записана; гражданинът е уведомен."),
    ),
    "reschedule": Action(
        make_form=lambda data, **kw: RescheduleForm(data, **kw),
        offered=lambda a, now: _upcoming(a, now, Appointment.UPCOMING),
        run=lambda a, actor, data: decisions.appointment_reschedule(
            appointment=a, actor=actor, starts_at=data["slot"]
        ),
        success=_("Срещата е преместена; гражданинът е уведомен."),
    ),
    "cancel": Action(
        make_form=lambda data, **kw: ReasonForm(data, label=_("Причина за анулирането"), **kw),
        offered=lambda a, now: _upcoming(a, now, Appointment.UPCOMING),
        run=lambda a, actor, data: decisions.appointment_cancel_by_staff(
            appointment=a, actor=actor, reason=data["reason"]
        ),
        success=_("Срещата е анулирана; гражданинът е уведомен."),
    ),
    "held": Action(
        make_form=lambda data, **kw: forms.Form(data, **kw),
        offered=lambda a, now: a.status == Status.APPROVED and a.starts_at <= now,
        run=lambda a, actor, data: decisions.appointment_mark_attendance(
            appointment=a, actor=actor, held=True
        ),
        success=_("Срещата е отбелязана като проведена."),
    ),
    "missed": Action(
        make_form=lambda data, **kw: forms.Form(data, **kw),
        offered=lambda a, now: a.status == Status.APPROVED and a.starts_at <= now,
        run=lambda a, actor, data: decisions.appointment_mark_attendance(
            appointment=a, actor=actor, held=False
        ),
        success=_("Срещата е отбелязана като неявяване."),
    ),
}


def _version(appointment: Appointment) -> str:
    """What the official saw: a decision on a meeting that changed since is refused."""
    return f"{appointment.status}:{appointment.sequence}"


def _action_form(action: str, appointment: Appointment, data=None):
    kwargs = {"auto_id": f"id_{action}_%s"}
    if action == "reschedule":
        today = timezone.localdate()
        kwargs["slot_days"] = free_slots_by_day(
            appointment.schedule, first_day=today, days=RESCHEDULE_DAYS
        )
    return ACTIONS[action].make_form(data, **kwargs)


def _managed_or_404(request, number: str) -> Appointment:
    appointment = appointment_for_manager(number=number, user=request.user)
    if appointment is None:
        raise Http404
    return appointment


@desk_only
@require_http_methods(["GET", "POST"])
def manage(request, number: str):
    appointment = _managed_or_404(request, number)
    bound = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Неизвестно действие."))
            return redirect("reception:manage", number=appointment.number)
        form = _action_form(action, appointment, request.POST)
        changed = request.POST.get("seen") != _version(appointment) or not ACTIONS[action].offered(
            appointment, timezone.now()
        )
        if not changed and form.is_valid():
            try:
                ACTIONS[action].run(appointment, request.user, form.cleaned_data)
            except decisions.AppointmentChangedError:
                changed = True
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, ACTIONS[action].success)
                return redirect("reception:manage", number=appointment.number)
        # A refused service call may have touched the object in memory; the page
        # shows the meeting as it is stored.
        appointment = _managed_or_404(request, number)
        if changed:
            messages.error(request, CHANGED_MESSAGE)
            status = 409
        else:
            messages.error(request, _("Действието не е изпълнено: вижте грешката при формуляра."))
            status = 400
        bound[action] = form
    now = timezone.now()
    forms_by_action = {
        action: bound.get(action) or _action_form(action, appointment)
        for action, spec in ACTIONS.items()
        if spec.offered(appointment, now)
    }
    _carry_reason(bound, forms_by_action)
    access_record(request, appointment)  # the page shows the citizen's name and contacts
    return render(
        request,
        "reception/staff_manage.html",
        {
            "appointment": appointment,
            "local_start": appointment.starts_at.astimezone(SOFIA),
            "local_end": appointment.ends_at.astimezone(SOFIA),
            "citizen_phone": _citizen_phone(appointment),
            "forms": forms_by_action,
            "version": _version(appointment),
            "document": document_panel(appointment=appointment, user=request.user),
            "events": appointment_timeline(appointment),
            "can_manage": True,  # appointment_for_manager let only its managers in
            "can_generate_video": can_generate_video_link(),
            "can_start_video": _video_startable(appointment),
        },
        status=status,
    )


def _carry_reason(bound: dict, offered: dict) -> None:
    """A reason typed for a decision no longer possible (a rejection of a request
    another official approved meanwhile) is kept in the cancellation form."""
    for action, form in bound.items():
        reason = form.data.get("reason", "")
        if action not in offered and reason and "cancel" in offered:
            offered["cancel"].initial["reason"] = reason


def _citizen_phone(appointment: Appointment) -> str:
    if appointment.author_id:
        return str(appointment.author.phone or "")
    return appointment.citizen_phone


def _video_startable(appointment: Appointment) -> bool:
    return bool(appointment.video_url) and appointment.status in (Status.APPROVED, Status.HELD)


def _is_bigbluebutton_link(url: str) -> bool:
    server = settings.BBB_URL.rstrip("/")
    return (
        settings.VIDEO_PROVIDER == "bigbluebutton"
        and can_generate_video_link()
        and url.startswith(server + "/")
    )


@desk_only
@require_GET
def video_start(request, number: str):
    """The official opens the meeting's video room. A BigBlueButton meeting is
    created first (a second create is a no-op) and the official joins as moderator;
    any other link (Jitsi, a pasted one) is simply opened."""
    appointment = _managed_or_404(request, number)
    if not _video_startable(appointment):
        messages.error(request, _("Тази среща няма връзка за видеосреща или не е одобрена."))
        return redirect("reception:manage", number=appointment.number)
    if not _is_bigbluebutton_link(appointment.video_url):
        return redirect(appointment.video_url)
    if not _bigbluebutton_create(appointment):
        messages.error(
            request,
            _(
                "Сървърът за видеосрещи не отговори. Опитайте отново след малко или "
                "използвайте връзката на гражданина."
            ),
        )
        return redirect("reception:manage", number=appointment.number)
    return redirect(video_link_generate(appointment=appointment, moderator=True))


def _bigbluebutton_create(appointment: Appointment) -> bool:
    url = bigbluebutton_create_url(meeting_id=str(appointment.uid), name=str(appointment.schedule))
    try:
        with urlopen(url, timeout=BBB_TIMEOUT_SECONDS) as response:
            body = response.read(65536)
    except (OSError, ValueError) as error:  # unreachable, timed out, refused, bad URL
        logger.warning(
            "BigBlueButton create for %s failed: %s", appointment.number, type(error).__name__
        )
        return False
    if re.search(rb"<returncode>\s*SUCCESS\s*</returncode>", body):
        return True
    logger.warning("BigBlueButton refused to create the meeting of %s", appointment.number)
    return False
