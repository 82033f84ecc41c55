"""Meeting requests and upcoming meetings in the officials' workspace
(casework.workspace). A meeting belongs to its schedule's officials, not to one
assignee; its "deadline" is its start: a request must be decided before it."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.casework import workspace as ws
from obshtina.organization.permissions import KIND_APPOINTMENT, kinds_managed_everywhere

from .models import Appointment

Status = Appointment.Status


def _stage(appointment: Appointment) -> str:
    if appointment.status == Status.REQUESTED:
        return ws.STAGE_NEW
    return ws.STAGE_WORKING if appointment.is_upcoming else ws.STAGE_DONE


def _row(appointment: Appointment, user) -> ws.WorkItem:
    schedule = appointment.schedule
    return ws.WorkItem(
        source="appointments",
        kind=KIND_APPOINTMENT,
        kind_label=str(_("Среща")),
        number=appointment.number,
        subject=f"{schedule.title}: {appointment.topic}",
        unit_name=schedule.unit.name if schedule.unit_id else "",
        status=ws.choice_label(Status, appointment.status),
        stage=_stage(appointment),
        created_at=appointment.created_at,
        due=appointment.starts_at,
        assignee_name="",
        url=reverse("reception:manage", kwargs={"number": appointment.number}),
        can_assign=False,
    )


def _scope(user) -> Q | None:
    if KIND_APPOINTMENT in kinds_managed_everywhere(user):
        return Q()
    if not user.reception_schedules.exists():
        return None
    return Q(schedule__officials=user)


WORK_SOURCE = ws.WorkSource(
    key="appointments",
    model=Appointment,
    kinds=((KIND_APPOINTMENT, _("Заявки за среща")),),
    scope=_scope,
    statuses=Status,
    stages={
        ws.STAGE_NEW: Q(status=Status.REQUESTED),
        ws.STAGE_WORKING: lambda now: Q(status=Status.APPROVED, ends_at__gt=now),
        ws.STAGE_DONE: lambda now: (
            ~Q(status__in=Appointment.UPCOMING) | Q(status=Status.APPROVED, ends_at__lte=now)
        ),
    },
    due_field="starts_at",
    search_fields=("topic",),
    row=_row,
    unit_field="schedule__unit",
    related=("schedule", "schedule__unit"),
)
