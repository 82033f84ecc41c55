"""Answer templates: which are offered for an item, how their placeholders are
filled in, and which fills in by itself for a status.

Placeholders are written in braces, in Bulgarian or in English: ``{номер}`` /
``{number}`` (the item's registry number), ``{дата}`` / ``{date}`` (its
registration date, dd.mm.yyyy in Europe/Sofia), ``{звено}`` / ``{unit}`` (the
responsible unit) and ``{име}`` / ``{name}`` (the citizen's name).

The citizen's name goes only into private answers — letters, complaints,
proposals and access-to-information documents, which only their sender reads.
Reports' and questions' answers are published on their public pages, so a
template for them may not use ``{име}``, and ``template_render`` never puts a
name into them whatever the template says.
"""

import re
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization import permissions

from .models import AnswerTemplate

SOFIA = ZoneInfo("Europe/Sofia")
PLACEHOLDER = re.compile(r"\{([^{}\n]{0,40})\}")
PLACEHOLDERS = {
    "номер": "number",
    "number": "number",
    "дата": "date",
    "date": "date",
    "звено": "unit",
    "unit": "unit",
    "име": "name",
    "name": "name",
}
# Kinds whose answers only their citizen reads; every other kind's answer is public.
PRIVATE_ANSWER_KINDS = permissions.LETTER_KINDS | {permissions.KIND_ACCESS_REQUEST}
PLACEHOLDER_LIST = "{номер}, {дата}, {звено}, {име}"


def answers_are_public(kind: str) -> bool:
    return kind not in PRIVATE_ANSWER_KINDS


def statuses_for_kind(kind: str) -> list[tuple[str, str]]:
    """The statuses an item of ``kind`` may be moved to, as (value, label) pairs:
    the choices of an auto-filling template's ``status``."""
    if kind == permissions.KIND_REPORT:
        from obshtina.reports.models import Report

        return [(value, label) for value, label in Report.Status.choices if value != "new"]
    if kind == permissions.KIND_QUESTION:
        from obshtina.infodesk.models import Question

        return [(value, label) for value, label in Question.Status.choices if value != "new"]
    from obshtina.correspondence.models import Correspondence

    status = Correspondence.Status
    if kind == permissions.KIND_ACCESS_REQUEST:
        values = [
            status.AWAITING_CLARIFICATION,
            status.EXTENDED,
            status.FORWARDED,
            status.NOT_HELD,
            status.GRANTED,
            status.PARTIALLY_GRANTED,
            status.REFUSED,
        ]
    elif kind in permissions.LETTER_KINDS:
        values = [status.IN_REVIEW, status.ANSWERED, status.CLOSED]
    else:
        return []
    labels = dict(status.choices)
    return [(value.value, labels[value]) for value in values]


def placeholders_in(text: str) -> list[str]:
    """The placeholders written in ``text``, as written (without braces)."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def template_check(template: AnswerTemplate) -> None:
    """Raise ``ValidationError`` (Bulgarian, keyed by field) when ``template`` breaks
    a rule: unknown placeholders, the citizen's name in a public answer, a
    category, topic, step or status that does not belong to its kind."""
    errors: dict[str, list] = {}
    text = (template.text or "").strip()
    if not text:
        errors.setdefault("text", []).append(_("Напишете текста на шаблона."))
    unknown = [name for name in placeholders_in(text) if _placeholder(name) is None]
    if unknown:
        errors.setdefault("text", []).append(
            ValidationError(
                _("Непознат заместител %(names)s. Възможни са: %(known)s."),
                params={
                    "names": ", ".join("{" + name + "}" for name in unknown),
                    "known": PLACEHOLDER_LIST,
                },
            )
        )
    uses_name = any(_placeholder(name) == "name" for name in placeholders_in(text))
    if uses_name and answers_are_public(template.kind):
        errors.setdefault("text", []).append(
            _(
                "Заместителят {име} не може да се използва в шаблон за сигнал или въпрос: "
                "отговорите им са публични, а името на гражданина не се публикува."
            )
        )
    if template.category_id and template.kind != permissions.KIND_REPORT:
        errors["category"] = [_("Категория се избира само за шаблон за сигнал.")]
    if template.topic_id and template.kind != permissions.KIND_QUESTION:
        errors["topic"] = [_("Тема се избира само за шаблон за въпрос.")]
    if template.step and template.kind != permissions.KIND_ACCESS_REQUEST:
        errors["step"] = [_("Документ по ЗДОИ се избира само за шаблон за заявление по ЗДОИ.")]
    if template.status and template.status not in dict(statuses_for_kind(template.kind)):
        errors["status"] = [_("Това състояние не съществува за избрания вид преписка.")]
    if errors:
        raise ValidationError(errors)


def _placeholder(written: str) -> str | None:
    return PLACEHOLDERS.get(written.strip().lower())


def templates_for(item, *, step: str = "") -> list[AnswerTemplate]:
    """The active templates offered for ``item`` (a report, question or document),
    the most specific first (its unit, then its category or topic, then the step).

    ``step`` is the access-to-information document being written (an
    ``AnswerTemplate.Step`` value); templates for any step are offered too.
    """
    templates = AnswerTemplate.objects.filter(kind=item.kind, is_active=True)
    templates = templates.filter(
        Q(unit__isnull=True) | Q(unit_id=getattr(item, "unit_id", None)),
        Q(category__isnull=True) | Q(category_id=getattr(item, "category_id", None)),
        Q(topic__isnull=True) | Q(topic_id=getattr(item, "topic_id", None)),
        Q(step="") | Q(step=step),
    )
    return sorted(
        templates,
        key=lambda template: (
            template.unit_id is None,
            template.category_id is None and template.topic_id is None,
            not template.step,
            template.title.casefold(),
        ),
    )


def template_for_status(item, status: str, *, step: str = "") -> AnswerTemplate | None:
    """The template that fills in by itself when ``item`` is moved to ``status``."""
    if not status:
        return None
    return next((t for t in templates_for(item, step=step) if t.status == status), None)


def template_render(template: AnswerTemplate, item) -> str:
    """The template's text with the item's number, date, unit and (in private
    answers only) the citizen's name. An unknown placeholder stays as written."""
    values = _values(item)

    def fill(match: re.Match) -> str:
        meaning = _placeholder(match.group(1))
        if meaning is None:
            return match.group(0)
        return values[meaning]

    return PLACEHOLDER.sub(fill, template.text).strip()


def _values(item) -> dict[str, str]:
    registered = _registered_at(item)
    name = "" if answers_are_public(item.kind) else _citizen_name(item)
    unit = getattr(item, "unit", None)
    return {
        "number": item.number or "",
        "date": timezone.localtime(registered, SOFIA).strftime("%d.%m.%Y") if registered else "",
        "unit": unit.name if unit is not None else "",
        "name": name,
    }


def _registered_at(item):
    registry_number = getattr(item, "registry_number", None)
    if registry_number is not None:
        return registry_number.registered_at
    return getattr(item, "registered_at", None) or getattr(item, "created_at", None)


def _citizen_name(item) -> str:
    for field in ("sender_name", "asker_name", "submitter_name"):
        value = getattr(item, field, "")
        if value:
            return value
    author = getattr(item, "author", None)
    return author.get_full_name() if author is not None else ""


def answer_template_save(*, template: AnswerTemplate, actor) -> AnswerTemplate:
    """Create or change ``template`` as ``actor``, after checking its rules.

    Unit heads keep their units' templates only: a template of another unit, or
    of the whole municipality, is refused with a message on ``unit``.
    """
    if not permissions.can_keep_answer_templates(actor):
        raise PermissionDenied
    if template.pk is not None:
        stored = AnswerTemplate.objects.get(pk=template.pk)
        if not permissions.can_keep_answer_template(actor, stored):
            raise PermissionDenied
    if not permissions.can_keep_answer_template(actor, template):
        raise ValidationError(
            {"unit": _("Можете да поддържате само шаблоните на звената, които ръководите.")}
        )
    template.text = (template.text or "").strip()
    template.full_clean()
    if template.pk is None:
        template.created_by = actor
    template.save()
    return template


def answer_template_set_active(
    *, template: AnswerTemplate, actor, is_active: bool
) -> AnswerTemplate:
    """Stop offering ``template`` (or offer it again); it is never deleted, so the
    answers written from it keep their history."""
    if not permissions.can_keep_answer_template(actor, template):
        raise PermissionDenied
    template.is_active = is_active
    template.save(update_fields=["is_active", "updated_at"])
    return template
