"""Reports in the officials' workspace (casework.workspace)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.casework import workspace as ws
from obshtina.organization.permissions import KIND_REPORT, can_manage_item
from obshtina.organization.selectors import settlements

from ..models import Category, Report
from ..services import workflow

Status = Report.Status


def _row(report: Report, user) -> ws.WorkItem:
    return ws.WorkItem(
        source="reports",
        kind=KIND_REPORT,
        kind_label=str(_("Сигнал")),
        number=report.number,
        subject=report.category.name,
        unit_name=report.unit.name,
        status=ws.choice_label(Status, report.status),
        stage=_stage(report.status),
        created_at=report.created_at,
        due=report.due_at,
        assignee_name=ws.person_name(report.assigned_to),
        url=reverse("reports:manage", kwargs={"number": report.number}),
        can_assign=report.is_open and can_manage_item(user, report),
    )


STAGES = {
    ws.STAGE_NEW: Q(status=Status.NEW),
    ws.STAGE_WORKING: Q(status__in=[Status.ACCEPTED, Status.IN_PROGRESS]),
    ws.STAGE_DONE: ~Q(status__in=Report.OPEN_STATUSES),
}


def _stage(status: str) -> str:
    if status == Status.NEW:
        return ws.STAGE_NEW
    return ws.STAGE_WORKING if status in Report.OPEN_STATUSES else ws.STAGE_DONE


WORK_SOURCE = ws.WorkSource(
    key="reports",
    model=Report,
    kinds=((KIND_REPORT, _("Сигнали")),),
    scope=lambda user: ws.unit_scope(user, KIND_REPORT),
    view_scope=lambda user: ws.unit_scope(user, KIND_REPORT, viewing=True),
    statuses=Status,
    filters=(
        ws.KindFilter("category", _("Категория"), Category.objects.all, "category"),
        ws.KindFilter("settlement", _("Населено място"), settlements, "settlement"),
    ),
    stages=STAGES,
    due_field="due_at",
    search_fields=("description", "address", "submitter_email"),
    row=_row,
    assignee_field="assigned_to",
    related=("category", "unit", "assigned_to"),
    assign=lambda *, item, actor, assignee: workflow.report_assign(
        report=item, actor=actor, assignee=assignee
    ),
)
