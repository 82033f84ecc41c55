"""Letters, complaints, proposals and access-to-information requests in the
officials' workspace (casework.workspace)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.casework import workspace as ws
from obshtina.organization.permissions import (
    KIND_ACCESS_REQUEST,
    KIND_COMPLAINT,
    KIND_LETTER,
    KIND_OTHER_DOCUMENT,
    KIND_PROPOSAL,
    can_manage_item,
    kinds_managed_everywhere,
    unit_ids_of,
)

from ..models import Correspondence
from ..services import desk as desk_services
from .desk import DONE_STATUSES

Status = Correspondence.Status
NEW_STATUSES = (Status.REGISTERED,)
WAITING_STATUSES = (Status.AWAITING_CLARIFICATION,)


def _stage(status: str) -> str:
    if status in NEW_STATUSES:
        return ws.STAGE_NEW
    if status in WAITING_STATUSES:
        return ws.STAGE_WAITING
    return ws.STAGE_DONE if status in DONE_STATUSES else ws.STAGE_WORKING


def _row(item: Correspondence, user) -> ws.WorkItem:
    stage = _stage(item.status)
    return ws.WorkItem(
        source="documents",
        kind=item.kind,
        kind_label=ws.choice_label(Correspondence.Kind, item.kind),
        number=item.number,
        subject=item.subject,
        unit_name=item.unit.name if item.unit_id else "",
        status=ws.choice_label(Correspondence.Status, item.status),
        stage=stage,
        created_at=item.registered_at,
        due=ws.deadline_moment(item.due_at),
        assignee_name=ws.person_name(item.assigned_to),
        url=reverse("correspondence:manage", kwargs={"number": item.number}),
        can_assign=stage != ws.STAGE_DONE
        and item.unit_id is not None
        and can_manage_item(user, item),
    )


def _scope(user) -> Q | None:
    everywhere = kinds_managed_everywhere(user) & set(Correspondence.Kind.values)
    if len(everywhere) == len(Correspondence.Kind.values):
        return Q()
    unit_ids = unit_ids_of(user)
    if not (everywhere or unit_ids):
        return None
    return Q(kind__in=everywhere) | Q(unit__in=unit_ids)


WORK_SOURCE = ws.WorkSource(
    key="documents",
    model=Correspondence,
    kinds=(
        (KIND_LETTER, _("Писма")),
        (KIND_COMPLAINT, _("Жалби")),
        (KIND_PROPOSAL, _("Предложения")),
        (KIND_ACCESS_REQUEST, _("Заявления по ЗДОИ")),
        (KIND_OTHER_DOCUMENT, _("Други документи")),
    ),
    kind_field="kind",
    label=_("Всички документи (деловодство)"),
    scope=_scope,
    statuses=Correspondence.Status,
    stages={
        ws.STAGE_NEW: Q(status__in=NEW_STATUSES),
        ws.STAGE_WAITING: Q(status__in=WAITING_STATUSES),
        ws.STAGE_WORKING: ~Q(status__in=[*NEW_STATUSES, *WAITING_STATUSES, *DONE_STATUSES]),
        ws.STAGE_DONE: Q(status__in=DONE_STATUSES),
    },
    due_field="due_at",
    created_field="registered_at",
    search_fields=("subject", "text", "sender_name", "organisation_name", "sender_email"),
    row=_row,
    assignee_field="assigned_to",
    related=("unit", "assigned_to"),
    assign=lambda *, item, actor, assignee: desk_services.correspondence_assign(
        item=item, actor=actor, assignee=assignee
    ),
)
