"""Questions ("Задай въпрос"): submission, routing, the answer, the public FAQ version.

The asker's data (name, e-mail, phone) and the question's own text may hold
personal data: they reach only the asker (access link, e-mail) and staff. The
e-mails get an explicit list of values, never the question object.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.assignment import Assignment, item_assign, item_unassign
from obshtina.casework.timeline import event_record, in_bulgarian, item_add_note
from obshtina.core.dates import add_days, end_of_day, local_day
from obshtina.notifications.officials import Reason, official_notify_before_number
from obshtina.notifications.services import notification_queue
from obshtina.organization.models import Unit
from obshtina.organization.permissions import can_manage_item
from obshtina.organization.selectors import contact_centre_unit, site_url, unit_members
from obshtina.registry.services import registry_number_assign

from ..models import Question, QuestionEvent, QuestionTopic
from .officials import question_officials_notify, question_work_item

TEXT_MAX_LENGTH = 4000
Kind = QuestionEvent.Kind


class QuestionError(ValidationError):
    """A rule about questions was broken; the message is fit to show the user."""


def question_event_record(*, question: Question, **fields) -> QuestionEvent:
    """Store one event of the question's timeline (``kind``, ``public_message``,
    ``is_public``…); call it in the change's transaction."""
    return event_record(question, **fields)


def question_route(*, topic: QuestionTopic) -> Unit:
    """The topic's unit, else the contact centre: a question is never lost."""
    unit = topic.unit if topic.unit_id and topic.unit.is_active else contact_centre_unit()
    if unit is None:
        raise QuestionError(
            _("Няма звено, което да приеме въпроса. Обадете се на контактния център.")
        )
    return unit


def question_due_at(registered_at) -> datetime:
    """The end of the last day to answer a question registered at ``registered_at``."""
    return end_of_day(add_days(local_day(registered_at), Question.ANSWER_DAYS))


def question_submit(
    *,
    topic: QuestionTopic,
    text: str,
    asker_name: str = "",
    asker_email: str = "",
    asker_phone: str = "",
    author=None,
    channel: str = Question.Channel.WEB,
) -> Question:
    """Register a question with a number of the "questions" series (В-…) and route it.

    With an e-mail, the asker gets the number and the private access link.
    """
    text = text.strip()
    if not text:
        raise QuestionError({"text": _("Напишете въпроса си.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise QuestionError(
            {"text": _("Въпросът е твърде дълъг (до %(max)s знака).") % {"max": TEXT_MAX_LENGTH}}
        )
    if not topic.is_active:
        raise QuestionError({"topic": _("Тази тема вече не се използва.")})

    now = timezone.now()
    unit = question_route(topic=topic)
    with transaction.atomic():
        question = Question.objects.create(
            topic=topic,
            unit=unit,
            text=text,
            asker_name=asker_name.strip(),
            asker_email=asker_email.strip(),
            asker_phone=asker_phone.strip(),
            author=author if getattr(author, "pk", None) else None,
            channel=channel,
            created_at=now,
            due_at=question_due_at(now),
        )
        question_event_record(
            question=question,
            kind=Kind.CREATED,
            to_status=question.status,
            data={"unit": unit.name},
        )
        # The unit's officials hear of it; rendered before the counter is locked.
        store_officials_notices = official_notify_before_number(
            officials=unit_members(unit),
            reason=Reason.ROUTED,
            item=question,
            work_item=question_work_item,
            actor=author,
        )
        # Last: the series' counter stays locked from here to the commit.
        registry_number_assign(item=question, series="questions", at=now)
        store_officials_notices()
        if question.asker_email:
            notification_queue(
                to_email=question.asker_email,
                template="question_registered",
                context=_email_values(question),
                user=question.author,
                about=question,
            )
    return question


def _email_values(question: Question) -> dict:
    return {
        "number": question.number,
        "topic": question.topic.name,
        "registered_at": question.created_at,
        # Lazy: written in the asker's language when the e-mail is rendered.
        "status": Question.Status(question.status).label,
        "answer": question.answer,
        "access_url": site_url() + question.get_access_url(),
    }


def _check_manager(question: Question, actor) -> None:
    if not can_manage_item(actor, question):
        raise PermissionDenied


def question_answer(*, question: Question, actor, answer: str) -> Question:
    """Answer (or correct the answer of) an open question; the asker gets it by e-mail."""
    _check_manager(question, actor)
    answer = answer.strip()
    if not answer:
        raise QuestionError({"answer": _("Напишете отговора.")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status == Question.Status.CLOSED:
            raise QuestionError(_("Въпросът е приключен и не може да получи отговор."))
        old_status = question.status
        question.answer = answer
        question.answered_at = timezone.now()
        question.answered_by = actor
        question.status = Question.Status.ANSWERED
        question.save(
            update_fields=["answer", "answered_at", "answered_by", "status", "updated_at"]
        )
        question_event_record(
            question=question,
            kind=Kind.ANSWERED,
            actor=actor,
            from_status=old_status,
            to_status=question.status,
            data={"answer": answer},
        )
        if question.asker_email:
            notification_queue(
                to_email=question.asker_email,
                template="question_answered",
                context=_email_values(question),
                user=question.author,
                about=question,
            )
    return question


def question_publish_faq(
    *, question: Question, actor, faq_question: str, faq_answer: str
) -> Question:
    """Publish a version of the question and answer written by staff without personal data."""
    _check_manager(question, actor)
    faq_question, faq_answer = faq_question.strip(), faq_answer.strip()
    errors = {}
    if not faq_question:
        errors["faq_question"] = _("Напишете въпроса за публикуване.")
    if not faq_answer:
        errors["faq_answer"] = _("Напишете отговора за публикуване.")
    if errors:
        raise QuestionError(errors)
    if not question.answer:
        raise QuestionError(_("Публикувайте въпрос едва след като му отговорите."))
    with transaction.atomic():
        was_faq = question.is_faq
        question.faq_question = faq_question
        question.faq_answer = faq_answer
        question.is_faq = True
        question.save(update_fields=["faq_question", "faq_answer", "is_faq", "updated_at"])
        # The first publication is public news; an edit of the published text is not.
        question_event_record(
            question=question,
            kind=Kind.PUBLISHED,
            actor=actor,
            is_public=not was_faq,
            internal_note=in_bulgarian("Публикуваният текст е обновен.") if was_faq else "",
            data={"faq_question": faq_question, "faq_answer": faq_answer},
        )
    return question


def question_unpublish_faq(*, question: Question, actor) -> Question:
    _check_manager(question, actor)
    if not question.is_faq:
        return question
    with transaction.atomic():
        question.is_faq = False
        question.save(update_fields=["is_faq", "updated_at"])
        question_event_record(question=question, kind=Kind.UNPUBLISHED, actor=actor)
    return question


def question_close(*, question: Question, actor) -> Question:
    """Close a question that needs nothing more (answered, or a duplicate, or spam)."""
    _check_manager(question, actor)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status == Question.Status.CLOSED:
            raise QuestionError(_("Въпросът вече е приключен."))
        old_status = question.status
        question.status = Question.Status.CLOSED
        question.save(update_fields=["status", "updated_at"])
        question_event_record(
            question=question,
            kind=Kind.CLOSED,
            actor=actor,
            from_status=old_status,
            to_status=question.status,
        )
    return question


def question_add_note(*, question: Question, actor, note: str) -> QuestionEvent:
    """An internal note: staff only, nobody is told."""
    return item_add_note(question, actor=actor, note=note, error=QuestionError)


ASSIGNMENT = Assignment(
    error=QuestionError,
    outside_unit=_("Въпросът може да се възложи само на служител от звеното."),
    not_assigned=_("Въпросът не е възложен на никого."),
    already_assigned=_("Въпросът вече е възложен на този служител."),
    tell=lambda question, assignee, actor: question_officials_notify(
        question=question, reason=Reason.ASSIGNED, officials=[assignee], actor=actor
    ),
    related=("unit",),
)


@transaction.atomic
def question_assign(*, question: Question, actor, assignee) -> Question:
    """Give the question to an officer of its unit (oneself too): an internal change."""
    return item_assign(question, actor=actor, assignee=assignee, rules=ASSIGNMENT)


@transaction.atomic
def question_unassign(*, question: Question, actor) -> Question:
    """Take the question back from its officer: it waits for the whole unit again."""
    return item_unassign(question, actor=actor, rules=ASSIGNMENT)


def questions_forget_author(user) -> int:
    """A deleted account's questions stay, anonymised: the asker's data goes."""
    return Question.objects.filter(author=user).update(
        asker_name="", asker_email="", asker_phone="", author=None
    )
