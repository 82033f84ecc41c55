"""Telling officials that a question reached them (see ``notifications.officials``):
its number, topic, unit, deadline and the staff link — never the asker or the text."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.officials import NoticeFacts, official_notify
from obshtina.organization.selectors import site_url

from ..models import Question


def question_work_item(question: Question) -> NoticeFacts:
    return NoticeFacts(
        about=question,
        number=question.number,
        kind=_("въпрос"),
        title=question.topic.name,
        unit=question.unit.name,
        due_at=question.due_at,
        url=site_url() + reverse("infodesk:question_manage", kwargs={"number": question.number}),
    )


def question_officials_notify(
    *, question: Question, reason: str, officials: Iterable, actor=None
) -> int:
    """Tell `officials` (inside the change's transaction) that `question` reached them,
    e.g. ``reason=Reason.ASSIGNED, officials=[assignee]`` when it is assigned."""
    return official_notify(
        officials=officials, reason=reason, item=question_work_item(question), actor=actor
    )
