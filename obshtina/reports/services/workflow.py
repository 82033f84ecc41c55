"""What staff do in the queue: status, answers, notes, assignment, routing, moderation.

Every function checks ``can_manage_item`` (PermissionDenied otherwise), runs in one
transaction on a locked row and records a timeline event; public events notify the
submitter and the subscribers (see ``events``). Broken rules raise ``ReportError``
with a Bulgarian message keyed by the form field it belongs to.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.assignment import Assignment, item_assign, item_unassign
from obshtina.casework.rules import locked_for_change, transition_check
from obshtina.casework.timeline import in_bulgarian, item_add_note
from obshtina.notifications.officials import Reason
from obshtina.organization.models import Unit
from obshtina.organization.selectors import site_url, unit_members

from ..models import Report, ReportEvent, ReportPhoto, Subscription
from . import notify
from .errors import ReportError
from .events import report_event_record

Status = Report.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset(
        {Status.ACCEPTED, Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.FORWARDED}
    ),
    Status.ACCEPTED: frozenset(
        {Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.FORWARDED}
    ),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED, Status.REJECTED, Status.FORWARDED}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),  # staff reopen
    Status.REJECTED: frozenset({Status.ACCEPTED}),
    Status.FORWARDED: frozenset({Status.ACCEPTED}),
    Status.DUPLICATE: frozenset(),
}


def allowed_statuses(report: Report) -> list[str]:
    """The statuses the report may move to now, in the order of ``Report.Status``."""
    allowed = TRANSITIONS.get(report.status, frozenset())
    return [value for value in Status.values if value in allowed]


def _locked(report: Report, actor) -> Report:
    """The report's row, locked for this transaction, after the permission check."""
    return locked_for_change(report, actor, related=("unit",))


def _required(value: str, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ReportError({field: message})
    return value


@transaction.atomic
def report_change_status(
    *, report: Report, actor, status: str, public_message: str = "", forwarded_to: str = ""
) -> Report:
    report = _locked(report, actor)
    old_status = report.status
    transition_check(
        old=old_status,
        new=status,
        transitions=TRANSITIONS,
        statuses=Status,
        refusal=_("Сигнал в състояние „%(old)s“ не може да стане „%(new)s“."),
        error=ReportError,
    )
    public_message = (public_message or "").strip()
    forwarded_to = (forwarded_to or "").strip()
    if status == Status.FORWARDED:
        _required(
            forwarded_to,
            "forwarded_to",
            _("Посочете институцията, към която препращате сигнала (напр. „ВиК Самоков“)."),
        )
        if not public_message:
            public_message = in_bulgarian(
                "Сигналът е препратен по компетентност към %(institution)s.",
                institution=forwarded_to,
            )
    if status == Status.REJECTED:
        _required(
            public_message, "public_message", _("Напишете публично защо сигналът се отхвърля.")
        )

    report.status = status
    report.forwarded_to = forwarded_to if status == Status.FORWARDED else ""
    if status == Status.RESOLVED:
        report.resolved_at = timezone.now()
    elif old_status == Status.RESOLVED:
        report.resolved_at = None
    if public_message and _is_the_answer(report, status):
        report.public_answer = public_message
    report.save(
        update_fields=["status", "forwarded_to", "resolved_at", "public_answer", "updated_at"]
    )
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.STATUS,
        actor=actor,
        from_status=old_status,
        to_status=status,
        public_message=public_message,
        data={"forwarded_to": forwarded_to} if forwarded_to else None,
    )
    return report


def _is_the_answer(report: Report, status: str) -> bool:
    """Does a status change's public note become "Отговор на общината"? A refusal's or a
    forwarding's reason does; any other note ("Решен.") only while the unit has written
    no answer of its own, which it must not hide."""
    if status in (Status.REJECTED, Status.FORWARDED):
        return True
    return not report.events.filter(kind=ReportEvent.Kind.ANSWER, is_public=True).exists()


@transaction.atomic
def report_answer(*, report: Report, actor, message: str) -> Report:
    """A public answer that does not change the status."""
    report = _locked(report, actor)
    message = _required(message, "message", _("Напишете отговора."))
    report.public_answer = message
    report.save(update_fields=["public_answer", "updated_at"])
    report_event_record(
        report=report, kind=ReportEvent.Kind.ANSWER, actor=actor, public_message=message
    )
    return report


@transaction.atomic
def report_add_note(*, report: Report, actor, note: str) -> ReportEvent:
    """An internal note: staff only, nobody is notified."""
    return item_add_note(report, actor=actor, note=note, error=ReportError)


ASSIGNMENT = Assignment(
    error=ReportError,
    outside_unit=_("Сигналът може да се възложи само на служител от звеното."),
    not_assigned=_("Сигналът не е възложен на никого."),
    tell=lambda report, assignee, actor: notify.report_officials_notify(
        report=report, reason=Reason.ASSIGNED, officials=[assignee], actor=actor
    ),
    related=("unit",),
)


@transaction.atomic
def report_assign(*, report: Report, actor, assignee) -> Report:
    """Give the report to a colleague of its unit (an internal change)."""
    return item_assign(report, actor=actor, assignee=assignee, rules=ASSIGNMENT)


@transaction.atomic
def report_reroute(*, report: Report, actor, unit: Unit, note: str = "") -> Report:
    """Move the report to another unit's queue (it was not ours).

    The citizen sees that it moved and where (a unit is not personal data); the
    reason stays internal. The assignee belonged to the old unit, so it is cleared.
    """
    report = _locked(report, actor)
    if not unit.is_active:
        raise ReportError({"unit": _("Това звено вече не работи.")})
    if unit.pk == report.unit_id:
        raise ReportError({"unit": _("Сигналът вече е в това звено.")})
    old_unit = report.unit
    report.unit = unit
    report.assigned_to = None
    report.save(update_fields=["unit", "assigned_to", "updated_at"])
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.ROUTED,
        actor=actor,
        public_message=in_bulgarian("Сигналът е пренасочен към %(unit)s.", unit=unit.name),
        data={"from_unit": old_unit.name, "to_unit": unit.name},
    )
    note = (note or "").strip()
    if note:
        report_event_record(
            report=report,
            kind=ReportEvent.Kind.NOTE,
            actor=actor,
            internal_note=note,
            is_public=False,
            notify=False,
        )
    notify.report_officials_notify(
        report=report, reason=Reason.ROUTED, officials=unit_members(unit), actor=actor
    )
    return report


@transaction.atomic
def report_edit_public_text(*, report: Report, actor, description: str) -> Report:
    """Moderate the public description; the original text stays in the timeline."""
    report = _locked(report, actor)
    description = _required(description, "description", _("Описанието не може да е празно."))
    if description == report.description:
        raise ReportError({"description": _("Текстът не е променен.")})
    old = report.description
    report.description = description
    report.save(update_fields=["description", "updated_at"])
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.MODERATED,
        actor=actor,
        internal_note=in_bulgarian("Публичният текст е редактиран."),
        is_public=False,
        notify=False,
        data={"old": old, "new": description},
    )
    return report


@transaction.atomic
def report_photo_hide(*, photo: ReportPhoto, actor, hidden: bool = True) -> ReportPhoto:
    """Hide a photo from the public pages (or show it again); staff still see it."""
    _locked(photo.report, actor)
    photo = ReportPhoto.objects.select_for_update().get(pk=photo.pk)
    if photo.is_hidden == hidden:
        return photo
    photo.is_hidden = hidden
    photo.save(update_fields=["is_hidden"])
    message = "Снимка %(photo)s е скрита." if hidden else "Снимка %(photo)s е показана отново."
    report_event_record(
        report=photo.report,
        kind=ReportEvent.Kind.MODERATED,
        actor=actor,
        internal_note=in_bulgarian(message, photo=photo.pk),
        is_public=False,
        notify=False,
        data={"photo": photo.pk, "hidden": hidden},
    )
    return photo


@transaction.atomic
def report_mark_duplicate(*, report: Report, actor, original: Report) -> Report:
    """Close the report as a duplicate; its followers follow the original from now on.

    Subscribers and a registered submitter become subscribers of the original;
    everyone who hears of the report (an anonymous submitter too) is told its number.
    """
    report = _locked(report, actor)
    if original.pk == report.pk:
        raise ReportError({"original": _("Сигналът не може да е дубликат на себе си.")})
    if report.status == Status.DUPLICATE:
        raise ReportError({"original": _("Сигналът вече е отбелязан като дубликат.")})
    if original.status == Status.DUPLICATE:
        raise ReportError(
            {
                "original": _("Сигнал %(number)s сам е дубликат; изберете оригинала му.")
                % {"number": original.number}
            }
        )
    followers = {subscription.user_id for subscription in report.subscriptions.all()}
    if report.author_id:
        followers.add(report.author_id)
    for user_id in followers:
        Subscription.objects.get_or_create(user_id=user_id, report=original)

    old_status, old_answer = report.status, report.public_answer
    report.status = Status.DUPLICATE
    report.duplicate_of = original
    report.public_answer = in_bulgarian(
        "Този проблем вече е подаден със сигнал %(number)s. Следете развитието му там: %(url)s",
        number=original.number,
        url=_site_url(original.get_absolute_url()),
    )
    report.save(update_fields=["status", "duplicate_of", "public_answer", "updated_at"])
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.DUPLICATE,
        actor=actor,
        from_status=old_status,
        to_status=Status.DUPLICATE,
        public_message=report.public_answer,
        data={"original": original.number, "public_answer": old_answer},
    )
    report_event_record(
        report=original,
        kind=ReportEvent.Kind.DUPLICATE,
        actor=actor,
        internal_note=in_bulgarian(
            "Сигнал %(number)s е отбелязан като дубликат на този.", number=report.number
        ),
        is_public=False,
        notify=False,
        data={"duplicate": report.number},
    )
    return report


@transaction.atomic
def report_unassign(*, report: Report, actor) -> Report:
    """Take the report back from its officer: it waits for the whole unit again."""
    return item_unassign(report, actor=actor, rules=ASSIGNMENT)


@transaction.atomic
def report_unmark_duplicate(*, report: Report, actor) -> Report:
    """Undo ``report_mark_duplicate``: the report is handled on its own again.

    It returns to the status it had before (the duplicate event's ``from_status``;
    "accepted" if no such event is found) with the public answer it had then. The
    followers it passed to the original stay subscribed there too: they may have
    wanted that report as well. The submitter and the subscribers hear of it.
    """
    report = _locked(report, actor)
    if report.status != Status.DUPLICATE:
        raise ReportError({"original": _("Сигналът не е отбелязан като дубликат.")})
    marked = (
        report.events.filter(kind=ReportEvent.Kind.DUPLICATE, to_status=Status.DUPLICATE)
        .order_by("-created_at", "-pk")
        .first()
    )
    status = marked.from_status if marked else ""
    if status not in TRANSITIONS or status == Status.DUPLICATE:
        status = Status.ACCEPTED
    original = report.duplicate_of
    report.status = status
    report.duplicate_of = None
    report.public_answer = marked.data.get("public_answer", "") if marked else ""
    report.save(update_fields=["status", "duplicate_of", "public_answer", "updated_at"])
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.NOT_DUPLICATE,
        actor=actor,
        from_status=Status.DUPLICATE,
        to_status=status,
        public_message=in_bulgarian(
            "Сигналът не е дубликат на %(number)s и се разглежда самостоятелно.",
            number=original.number if original else "—",
        ),
        data={"original": original.number if original else ""},
    )
    if original is not None:
        report_event_record(
            report=original,
            kind=ReportEvent.Kind.NOT_DUPLICATE,
            actor=actor,
            internal_note=in_bulgarian(
                "Сигнал %(number)s вече не е отбелязан като дубликат на този.",
                number=report.number,
            ),
            is_public=False,
            notify=False,
            data={"duplicate": report.number},
        )
    return report


def _site_url(path: str) -> str:
    return site_url() + path
