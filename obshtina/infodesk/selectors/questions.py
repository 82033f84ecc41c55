"""Reads about questions: the public page, the asker's page, the staff queue, "my questions"."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from obshtina.accounts.sections import FiledItem
from obshtina.casework.timeline import TimelineEntry, public_item_timeline
from obshtina.organization.permissions import (
    KIND_QUESTION,
    can_view_staff_side,
)
from obshtina.registry.selectors import normalize_number

from ..models import Question, QuestionEvent, QuestionTopic


def question_topics() -> QuerySet[QuestionTopic]:
    return QuestionTopic.objects.filter(is_active=True)


def question_for_number(number: str) -> Question | None:
    """The public page's question (its public part is for everyone)."""
    return Question.objects.select_related("topic").filter(number=normalize_number(number)).first()


def question_for_token(token: str) -> Question | None:
    return Question.objects.select_related("topic").filter(access_token=token).first()


def faq_entries() -> QuerySet[Question]:
    """Published FAQ entries: only their edited, impersonal text may be shown."""
    return (
        Question.objects.filter(is_faq=True)
        .select_related("topic")
        .only("number", "faq_question", "faq_answer", "topic__name", "answered_at")
        .order_by("topic__position", "topic__name", "-answered_at")
    )


def staff_can_view_question(user, question: Question) -> bool:
    """Administrators, operators and officers of the question's unit."""
    return can_view_staff_side(user, kind=KIND_QUESTION, unit=question.unit)


def question_timeline(question: Question) -> list[TimelineEntry]:
    """Every event, internal ones and who did what included (staff only)."""
    return public_item_timeline(
        question, details_key="answer", details_label=_("Изпратеният отговор")
    )


def question_public_timeline(question: Question) -> QuerySet[QuestionEvent]:
    """Public events only, without their actor or data (as a report's public timeline)."""
    return (
        question.events.filter(is_public=True)
        .only("question_id", "kind", "created_at", "from_status", "to_status", "public_message")
        .order_by("created_at", "pk")
    )


def questions_of_author(user) -> QuerySet[Question]:
    return (
        Question.objects.filter(author=user)
        .select_related("topic")
        .only("number", "status", "created_at", "text", "answer", "access_token", "topic__name")
        .order_by("-created_at", "-pk")
    )


def my_questions_section(user) -> dict:
    """The "Моите въпроси" card of "Моят профил"."""
    return {
        "title": _("Моите въпроси"),
        "url": None,  # no list page yet (urls.py has no route for one)
        "count": Question.objects.filter(author=user).count(),
        "empty": _("Все още няма зададени въпроси."),
    }


def my_filed_questions(user) -> list[FiledItem]:
    """The user's questions in "Моите" (questions have no term of days, so no deadline)."""
    return [
        FiledItem(
            kind=str(_("Въпрос")),
            number=question.number,
            subject=question.topic.name,
            filed_at=question.created_at,
            status=str(question.get_status_display()),
            status_code=question.status,
            url=question.get_absolute_url(),
        )
        for question in questions_of_author(user)
    ]


def my_questions_export(user) -> list[dict]:
    return [
        {
            "number": question.number,
            "topic": question.topic.name,
            "status": question.status,
            "created_at": question.created_at.isoformat(),
            "text": question.text,
            "answer": question.answer,
        }
        for question in questions_of_author(user)
    ]
