"""The schedule administration: schedules with their windows and days off, and groups.

For reception administrators and administrators. A change that would strand
booked meetings is not saved: the page lists them, and the administrator sends
the change again with a decision (keep them, or cancel them with a reason).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from ..forms_staff import add_service_error
from ..forms_staff_schedules import (
    AbsenceForm,
    ClashDecisionForm,
    GroupForm,
    ScheduleForm,
    window_formset,
)
from ..models import ScheduleGroup
from ..selectors_staff import (
    groups_for_editor,
    schedule_for_editor,
    schedules_for_editor,
    upcoming_count,
)
from ..services import schedules as services

editors_only = allowed_if(permissions.can_edit_schedules)


@editors_only
@require_GET
def schedules(request):
    return render(request, "reception/staff_schedules.html", {"grouped": schedules_for_editor()})


@editors_only
@require_http_methods(["GET", "POST"])
def schedule_new(request):
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data)
    windows = window_formset(data)
    if data is not None:
        if form.is_valid() and windows.is_valid():
            try:
                schedule = services.schedule_create(
                    actor=request.user,
                    details=form.details,
                    officials=form.cleaned_data["officials"],
                    windows=windows.specs(),
                    slug=form.cleaned_data["slug"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Графикът е създаден."))
                return redirect("reception:schedule_edit", slug=schedule.slug)
        messages.error(request, _("Графикът не е записан: вижте отбелязаните полета."))
    return render(
        request,
        "reception/staff_schedule_new.html",
        {"form": form, "windows": windows},
        status=400 if data is not None else 200,
    )


# The changes that may strand booked meetings: each runs its service with the
# administrator's decision, if one was sent along.
def _save_details(request, schedule, decision):
    form = ScheduleForm(request.POST, schedule=schedule)
    if not form.is_valid():
        return form, None
    return form, lambda: services.schedule_update(
        schedule=schedule,
        actor=request.user,
        details=form.details,
        officials=form.cleaned_data["officials"],
        **decision,
    )


def _save_windows(request, schedule, decision):
    formset = window_formset(request.POST, schedule=schedule)
    if not formset.is_valid():
        return formset, None
    return formset, lambda: services.schedule_windows_replace(
        schedule=schedule, actor=request.user, windows=formset.specs(), **decision
    )


def _add_absence(request, schedule, decision):
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        return form, None
    return form, lambda: services.schedule_absence_add(
        schedule=schedule,
        actor=request.user,
        first_day=form.cleaned_data["first_day"],
        last_day=form.cleaned_data["last_day"],
        reason=form.cleaned_data["reason"],
        **decision,
    )


CHANGES = {"details": _save_details, "windows": _save_windows, "absence_add": _add_absence}
SUCCESS = {
    "details": _("Данните на графика са записани."),
    "windows": _("Приемните прозорци са записани."),
    "absence_add": _("Отсъствието е добавено."),
}


@editors_only
@require_http_methods(["GET", "POST"])
def schedule_edit(request, slug: str):
    schedule = schedule_for_editor(slug)
    if schedule is None:
        raise Http404
    bound, clash, status = {}, None, 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "absence_remove":
        try:
            services.schedule_absence_remove(
                schedule=schedule,
                actor=request.user,
                absence_id=_int(request.POST.get("absence")),
            )
        except ValidationError:
            messages.error(request, _("Това отсъствие вече е премахнато."))
        else:
            messages.success(request, _("Отсъствието е премахнато."))
        return redirect("reception:schedule_edit", slug=schedule.slug)
    if action in CHANGES:
        decision_form = None
        decision = {}
        if request.POST.get("clash-shown"):
            decision_form = ClashDecisionForm(request.POST)
            if decision_form.is_valid():
                decision = decision_form.decision_kwargs
        form, change = CHANGES[action](request, schedule, decision)
        bound[action] = form
        if change is not None:
            try:
                clashes = change()
            except services.ScheduleClashError as error:
                if decision_form is None or decision_form.is_valid():
                    decision_form = ClashDecisionForm(clashes=error.clashes)
                clash = {
                    "action": action,
                    "message": error.messages[0],
                    "meetings": error.clashes,
                    "form": decision_form,
                }
                status = 409
            except ValidationError as error:
                add_service_error(form, error)
            else:
                _report_saved(request, action, clashes, decision)
                return redirect("reception:schedule_edit", slug=schedule.slug)
        if status == 200:
            messages.error(request, _("Промяната не е записана: вижте отбелязаните полета."))
            status = 400
        schedule = schedule_for_editor(slug)
    elif action:
        messages.error(request, _("Неизвестно действие."))
        return redirect("reception:schedule_edit", slug=schedule.slug)
    return render(
        request,
        "reception/staff_schedule_edit.html",
        {
            "schedule": schedule,
            "form": bound.get("details") or ScheduleForm(schedule=schedule),
            "windows": bound.get("windows") or window_formset(schedule=schedule),
            "absence_form": bound.get("absence_add") or AbsenceForm(),
            "absences": schedule.absences.all(),
            "clash": clash,
            "upcoming": upcoming_count(schedule),
        },
        status=status,
    )


def _report_saved(request, action: str, clashes: list, decision: dict) -> None:
    message = str(SUCCESS[action])
    if clashes and decision.get("on_clash") == services.CANCEL:
        message += " " + ngettext(
            "%(count)d среща е анулирана и гражданинът е уведомен.",
            "%(count)d срещи са анулирани и гражданите са уведомени.",
            len(clashes),
        ) % {"count": len(clashes)}
    elif clashes:
        message += " " + ngettext(
            "%(count)d записана среща остава в сила.",
            "%(count)d записани срещи остават в сила.",
            len(clashes),
        ) % {"count": len(clashes)}
    messages.success(request, message)


@editors_only
@require_http_methods(["GET", "POST"])
def groups(request):
    new_form = GroupForm(prefix="new", initial={"is_active": True})
    bound, status = {}, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        group = None
        if action in {"update", "up", "down"}:
            group = get_object_or_404(ScheduleGroup, pk=_int(request.POST.get("group")))
        if action in {"up", "down"}:
            step = -1 if action == "up" else 1
            services.schedule_group_move(group=group, actor=request.user, step=step)
            messages.success(request, _("Подредбата е променена."))
            return redirect("reception:groups")
        if action == "create":
            form = new_form = GroupForm(request.POST, prefix="new")
            service, target = services.schedule_group_create, {}
        elif action == "update":
            form = bound[group.pk] = GroupForm(request.POST, prefix=f"group-{group.pk}")
            service, target = services.schedule_group_update, {"group": group}
        else:
            messages.error(request, _("Неизвестно действие."))
            return redirect("reception:groups")
        if form.is_valid():
            try:
                service(actor=request.user, **target, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Групата е записана."))
                return redirect("reception:groups")
        messages.error(request, _("Групата не е записана: вижте отбелязаните полета."))
        status = 400
    rows = [
        (
            group,
            bound.get(group.pk)
            or GroupForm(
                prefix=f"group-{group.pk}",
                initial=model_to_dict(group, fields=["name", "description", "is_active"]),
            ),
        )
        for group in groups_for_editor()
    ]
    return render(
        request, "reception/staff_groups.html", {"rows": rows, "new_form": new_form}, status=status
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
