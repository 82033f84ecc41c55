"""The registry desk (деловодство): routing, assignment, internal notes, the
letter/complaint/proposal status flow and the answer.

Every function checks ``can_manage_item`` (PermissionDenied otherwise), works on
the locked row in one transaction and records a timeline event. Broken rules
raise ``CorrespondenceError`` with a Bulgarian message keyed by its form field.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.assignment import Assignment, item_assign, item_unassign
from obshtina.casework.rules import locked_for_change, transition_check
from obshtina.casework.timeline import in_bulgarian, item_add_note
from obshtina.casework.workspace import person_name
from obshtina.notifications.officials import Reason
from obshtina.notifications.services import notification_queue
from obshtina.organization.models import Membership, Unit
from obshtina.organization.permissions import LETTER_KINDS, can_manage_item
from obshtina.organization.selectors import unit_members

from ..models import Correspondence, CorrespondenceEvent, OutgoingDocument
from ..selectors.desk import OPEN_STATUSES, WEEK_DAYS
from .errors import CorrespondenceError
from .events import correspondence_event_record
from .officials import correspondence_officials_notify, manage_url
from .outgoing import outgoing_document_register

Status = Correspondence.Status

# The flow of letters, complaints, proposals and other documents. "Answered" is
# reached only by registering an answer (``correspondence_answer``).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REGISTERED: frozenset({Status.IN_REVIEW, Status.CLOSED}),
    Status.IN_REVIEW: frozenset({Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.IN_REVIEW, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_REVIEW}),
}
ANSWERABLE_STATUSES = frozenset({Status.REGISTERED, Status.IN_REVIEW, Status.ANSWERED})
OUTGOING_KINDS_FOR_LETTERS = (OutgoingDocument.Kind.ANSWER, OutgoingDocument.Kind.OTHER)


def allowed_statuses(item: Correspondence) -> list[str]:
    """The statuses the item may be moved to by hand now, in ``Status`` order."""
    if item.kind not in LETTER_KINDS:
        return []
    allowed = TRANSITIONS.get(item.status, frozenset())
    return [value for value in Status.values if value in allowed]


def _locked(item: Correspondence, actor) -> Correspondence:
    return locked_for_change(item, actor)


def _check_member(user, unit: Unit, field: str) -> None:
    if not unit_members(unit).filter(pk=user.pk).exists():
        raise CorrespondenceError({field: ASSIGNMENT.outside_unit})


@transaction.atomic
def correspondence_route(
    *, item: Correspondence, actor, unit: Unit, assignee=None, note: str = ""
) -> Correspondence:
    """Send the document to the unit that answers it (and optionally to one of its
    officers). The sender hears where it went, never the internal note."""
    locked = _locked(item, actor)
    if unit is None or not unit.is_active:
        raise CorrespondenceError({"unit": _("Изберете действащо звено.")})
    if unit.pk == locked.unit_id:
        raise CorrespondenceError({"unit": _("Документът вече е в това звено.")})
    if assignee is not None:
        _check_member(assignee, unit, "assignee")
    from_unit = locked.unit
    locked.unit = unit
    locked.assigned_to = assignee
    locked.save(update_fields=["unit", "assigned_to", "updated_at"])
    correspondence_event_record(
        item=locked,
        kind=CorrespondenceEvent.Kind.ROUTED,
        actor=actor,
        message=in_bulgarian("Насочено към %(unit)s.", unit=unit.name),
        internal_note=(note or "").strip(),
        data={
            "from_unit": from_unit.name if from_unit else "",
            "to_unit": unit.name,
            "assignee": person_name(assignee),
        },
    )
    # An officer named at once hears it is theirs; else the unit's officers hear of it.
    correspondence_officials_notify(
        item=locked,
        reason=Reason.ASSIGNED if assignee is not None else Reason.ROUTED,
        officials=[assignee] if assignee is not None else unit_members(unit),
        actor=actor,
    )
    item.refresh_from_db()  # the caller's object shows the change too
    return item


ASSIGNMENT = Assignment(
    error=CorrespondenceError,
    outside_unit=_("Документът може да се възложи само на служител от звеното."),
    not_assigned=_("Документът не е възложен на никого."),
    no_unit=_("Първо насочете документа към звено."),
    tell=lambda item, assignee, actor: correspondence_officials_notify(
        item=item, reason=Reason.ASSIGNED, officials=[assignee], actor=actor
    ),
)


@transaction.atomic
def correspondence_assign(*, item: Correspondence, actor, assignee) -> Correspondence:
    """Give the document to an officer of its unit: an internal change."""
    item_assign(item, actor=actor, assignee=assignee, rules=ASSIGNMENT)
    item.refresh_from_db()  # the caller's object shows the change too
    return item


@transaction.atomic
def correspondence_unassign(*, item: Correspondence, actor) -> Correspondence:
    """Take the document back from its officer: it waits for the whole unit again."""
    item_unassign(item, actor=actor, rules=ASSIGNMENT)
    item.refresh_from_db()  # the caller's object shows the change too
    return item


@transaction.atomic
def correspondence_read_for_meeting(
    *, item: Correspondence, actor, meeting_number: str
) -> CorrespondenceEvent:
    """The official of a meeting opened the document its citizen cited for it: written
    once per official and meeting into the item's history, which its sender sees too;
    nobody is e-mailed for a reading."""
    kind = CorrespondenceEvent.Kind.READ_FOR_MEETING
    earlier = item.events.filter(kind=kind, actor=actor, data__meeting=meeting_number).first()
    if earlier is not None:
        return earlier
    return correspondence_event_record(
        item=item,
        kind=kind,
        actor=actor,
        message=in_bulgarian(
            _("Прочетено от длъжностното лице за среща %(meeting)s."), meeting=meeting_number
        ),
        data={"meeting": meeting_number},
        notify=False,
    )


def correspondence_add_note(*, item: Correspondence, actor, note: str) -> CorrespondenceEvent:
    """An internal note: staff only, nobody is e-mailed."""
    return item_add_note(item, actor=actor, note=note, error=CorrespondenceError)


@transaction.atomic
def correspondence_change_status(
    *, item: Correspondence, actor, status: str, message: str = ""
) -> Correspondence:
    """Move a letter, complaint, proposal or other document along its flow
    (``TRANSITIONS``); closing one that was never answered needs a reason."""
    locked = _locked(item, actor)
    if locked.kind not in LETTER_KINDS:
        raise CorrespondenceError(
            {"status": _("Заявленията по ЗДОИ се движат само с уведомления и решения по закона.")}
        )
    old_status = locked.status
    transition_check(
        old=old_status,
        new=status,
        transitions=TRANSITIONS,
        statuses=Status,
        refusal=_("Документ в състояние „%(old)s“ не може да стане „%(new)s“."),
        error=CorrespondenceError,
    )
    message = (message or "").strip()
    if status == Status.CLOSED and old_status != Status.ANSWERED and not message:
        raise CorrespondenceError(
            {"message": _("Напишете на подателя защо документът се приключва без отговор.")}
        )
    locked.status = status
    locked.closed_at = timezone.now() if status == Status.CLOSED else None
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    correspondence_event_record(
        item=locked,
        kind=(
            CorrespondenceEvent.Kind.CLOSED
            if status == Status.CLOSED
            else CorrespondenceEvent.Kind.STATUS
        ),
        actor=actor,
        from_status=old_status,
        to_status=status,
        message=message,
    )
    item.refresh_from_db()  # the caller's object shows the change too
    return item


def correspondence_answer(
    *,
    item: Correspondence,
    actor,
    text: str,
    kind: str = OutgoingDocument.Kind.ANSWER,
    files: Sequence[tuple[UploadedFile, str]] = (),
    sign_with_kep: bool = False,
) -> OutgoingDocument:
    """Register the municipality's answer (or another outgoing document) to a
    letter, complaint or proposal under its own number; an answer makes it "answered".

    `files` are (file, content type) pairs already validated by content.
    """
    if not can_manage_item(actor, item):
        raise PermissionDenied
    if item.kind not in LETTER_KINDS:
        raise CorrespondenceError(
            {"kind": _("На заявление по ЗДОИ се отговаря с уведомление или решение.")}
        )
    if kind not in OUTGOING_KINDS_FOR_LETTERS:
        raise CorrespondenceError({"kind": _("Изберете вид на изходящия документ.")})
    if item.status not in ANSWERABLE_STATUSES:
        raise CorrespondenceError(
            {"text": _("Документът е приключен; отворете го отново, за да добавите отговор.")}
        )
    if not (text or "").strip():
        raise CorrespondenceError({"text": _("Напишете текста на документа.")})
    return outgoing_document_register(
        item=item,
        actor=actor,
        kind=kind,
        text=text,
        files=files,
        to_status=Status.ANSWERED if kind == OutgoingDocument.Kind.ANSWER else None,
        sign_pdfs=sign_with_kep,
    )


def due_digest_send(*, today: date | None = None) -> int:
    """Queue each officer's morning e-mail of their open documents that are overdue,
    due today or due within the week. An item's officer is its assignee, or every
    active member of its unit while it is unassigned. Returns how many e-mails
    were queued (one per officer with something due)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=WEEK_DAYS)
    items = list(
        Correspondence.objects.filter(status__in=OPEN_STATUSES, due_at__lt=horizon)
        .select_related("assigned_to")
        .order_by("due_at", "number")
    )
    members: dict[int, list] = {}
    for membership in Membership.objects.filter(
        unit_id__in={item.unit_id for item in items}, user__is_active=True
    ).select_related("user"):
        members.setdefault(membership.unit_id, []).append(membership.user)

    rows_by_officer: dict[int, tuple[object, list[dict]]] = {}
    for item in items:
        assignee = item.assigned_to
        officers = [assignee] if assignee and assignee.is_active else members.get(item.unit_id, [])
        for officer in officers:
            rows_by_officer.setdefault(officer.pk, (officer, []))[1].append(
                _digest_row(item, today)
            )

    queued = 0
    for officer, rows in rows_by_officer.values():
        if not officer.email:
            continue
        sections = {
            "overdue": [row for row in rows if row["due_at"] < today],
            "today": [row for row in rows if row["due_at"] == today],
            "week": [row for row in rows if row["due_at"] > today],
        }
        with transaction.atomic():
            notification_queue(
                to_email=officer.email,
                template="correspondence_due_digest",
                context={
                    **sections,
                    "counts": {key: len(value) for key, value in sections.items()},
                },
                user=officer,
            )
        queued += 1
    return queued


def _digest_row(item: Correspondence, today: date) -> dict:
    return {
        "number": item.number,
        "kind": Correspondence.Kind(item.kind).label,  # in the officer's language
        "subject": item.subject,
        "due_at": item.due_at,
        "days_overdue": (today - item.due_at).days,
        "url": manage_url(item),
    }
