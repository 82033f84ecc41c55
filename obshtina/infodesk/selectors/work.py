"""Questions in the officials' workspace (casework.workspace)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.casework import workspace as ws
from obshtina.organization.permissions import KIND_QUESTION, can_manage_item

from ..models import Question, QuestionTopic
from ..services import questions

Status = Question.Status
OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)


def _row(question: Question, user) -> ws.WorkItem:
    stage = {Status.NEW: ws.STAGE_NEW, Status.IN_PROGRESS: ws.STAGE_WORKING}.get(
        question.status, ws.STAGE_DONE
    )
    return ws.WorkItem(
        source="questions",
        kind=KIND_QUESTION,
        kind_label=str(_("Въпрос")),
        number=question.number,
        subject=question.topic.name,
        unit_name=question.unit.name,
        status=ws.choice_label(Status, question.status),
        stage=stage,
        created_at=question.created_at,
        due=question.due_at,
        assignee_name=ws.person_name(question.assigned_to),
        url=reverse("infodesk:question_manage", kwargs={"number": question.number}),
        can_assign=stage != ws.STAGE_DONE and can_manage_item(user, question),
    )


WORK_SOURCE = ws.WorkSource(
    key="questions",
    model=Question,
    kinds=((KIND_QUESTION, _("Въпроси")),),
    scope=lambda user: ws.unit_scope(user, KIND_QUESTION),
    view_scope=lambda user: ws.unit_scope(user, KIND_QUESTION, viewing=True),
    statuses=Status,
    filters=(ws.KindFilter("topic", _("Тема"), QuestionTopic.objects.all, "topic"),),
    stages={
        ws.STAGE_NEW: Q(status=Status.NEW),
        ws.STAGE_WORKING: Q(status=Status.IN_PROGRESS),
        ws.STAGE_DONE: ~Q(status__in=OPEN_STATUSES),
    },
    due_field="due_at",
    search_fields=("text",),
    row=_row,
    assignee_field="assigned_to",
    related=("topic", "unit", "assigned_to"),
    assign=lambda *, item, actor, assignee: questions.question_assign(
        question=item, actor=actor, assignee=assignee
    ),
)
