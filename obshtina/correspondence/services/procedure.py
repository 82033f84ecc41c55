"""The access-to-information procedure (Закон за достъп до обществената информация).

Every notice and decision of the municipality is an outgoing document with its own
number ("И-…"), registered through ``outgoing_document_register``: the requester is
e-mailed and sees it on their page. Each function here moves the status and the
decision term (``Correspondence.due_at``) as the law says, in one transaction.
Terms are counted by ``deadlines``; ``details["due_on"]`` of a decision keeps the
term that was in force, so the yearly report can tell decisions made in time.

Officers act only if ``can_manage_item``; the requester acts only on their own item.
A step the procedure does not allow in the current status is a ``CorrespondenceError``.
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.timeline import in_bulgarian
from obshtina.notifications.officials import Reason, assignee_or_unit
from obshtina.organization.permissions import can_manage_item

from ..models import AccessRequest, Correspondence, CorrespondenceEvent, OutgoingDocument
from . import deadlines
from .access_terms import (
    DECISION_KINDS,
    DEFAULT_APPEAL_INFO,
    EXTENSION_GROUNDS,
    Outcome,
    RefusalGround,
    decision_message,
    grant_terms,
)
from .errors import CorrespondenceError
from .events import correspondence_event_record
from .officials import correspondence_officials_notify
from .outgoing import outgoing_document_register, outgoing_files_signed
from .publication import PUBLISHABLE_KINDS, publication_prepare

Status = Correspondence.Status
Files = Sequence[tuple[UploadedFile, str]]

# Before a decision the municipality may still clarify, extend, forward or decide.
UNDECIDED = frozenset({Status.REGISTERED, Status.IN_REVIEW, Status.EXTENDED})
CLARIFIABLE = frozenset({Status.REGISTERED, Status.IN_REVIEW})
GRANTED = frozenset({Status.GRANTED, Status.PARTIALLY_GRANTED})


def allowed_actions(item: Correspondence) -> list[str]:
    """The officer's procedure actions the item's status allows (the desk shows their forms)."""
    if not item.is_access_request:
        return []
    actions = []
    if item.status in CLARIFIABLE:
        actions.append("access_clarification")
    if item.status in UNDECIDED:
        actions += ["access_extend", "access_forward", "access_not_held", "access_decide"]
    return actions


def access_clarification_request(
    *, item: Correspondence, actor, text: str, files: Files = ()
) -> OutgoingDocument:
    """Notice to clarify (чл. 29): the requester has 30 days; the decision waits."""
    with transaction.atomic():
        locked = _lock_for_officer(
            item=item,
            actor=actor,
            text=text,
            allowed=CLARIFIABLE,
            refusal=_("Уточнение може да се поиска само преди решение."),
        )
        today = timezone.localdate()
        due = deadlines.clarification_due_date(requested_on=today)
        AccessRequest.objects.filter(correspondence=locked).update(
            clarification_requested_on=today, clarification_due_on=due, clarified_on=None
        )
        _set_due(locked, due)
        document = outgoing_document_register(
            item=locked,
            actor=actor,
            kind=OutgoingDocument.Kind.CLARIFICATION_NOTICE,
            text=text,
            files=files,
            details={"clarification_due_on": due.isoformat()},
            to_status=Status.AWAITING_CLARIFICATION,
            message=in_bulgarian(
                _(
                    "Поискано е уточнение на заявлението. Можете да го уточните до %(date)s "
                    "(чл. 29 ЗДОИ); иначе заявлението се оставя без разглеждане."
                ),
                date=_show(due),
            ),
        )
    item.refresh_from_db()
    return document


def access_clarify(*, item: Correspondence, author, text: str) -> Correspondence:
    """The requester clarifies; the 14 days for the decision run again from today.

    Recorded on the timeline without an e-mail: the requester has just done it on screen.
    """
    with transaction.atomic():
        locked = _lock_for_author(item=item, author=author)
        _require_status(
            locked,
            {Status.AWAITING_CLARIFICATION},
            _("Заявлението не очаква уточнение."),
        )
        _require_text(text, _("Въведете уточнението."))
        access = locked.access_request
        today = timezone.localdate()
        if access.clarification_due_on and today > access.clarification_due_on:
            raise CorrespondenceError(_("Срокът за уточняване на заявлението е изтекъл."))
        due = deadlines.decision_due_after_clarification(clarified_on=today)
        access.clarified_on = today
        access.save(update_fields=["clarified_on"])
        from_status = locked.status
        locked.status = Status.IN_REVIEW
        locked.due_at = due
        locked.save(update_fields=["status", "due_at", "updated_at"])
        correspondence_event_record(
            item=locked,
            kind=CorrespondenceEvent.Kind.CLARIFIED,
            actor=author,
            from_status=from_status,
            to_status=locked.status,
            message=text.strip(),
            data={"clarified_on": today.isoformat(), "due_on": due.isoformat()},
            notify=False,
        )
        correspondence_officials_notify(
            item=locked,
            reason=Reason.CLARIFIED,
            officials=assignee_or_unit(assignee=locked.assigned_to, unit=locked.unit),
            actor=author,
        )
    item.refresh_from_db()
    return item


def access_close_unclarified(*, today: date | None = None) -> int:
    """Leave without consideration the requests not clarified within 30 days (чл. 29, ал. 2).

    The term includes its last day, so a request closes on the day after it. Returns
    how many were closed; run daily.
    """
    today = today or timezone.localdate()
    overdue = Correspondence.objects.filter(
        kind=Correspondence.Kind.ACCESS_REQUEST,
        status=Status.AWAITING_CLARIFICATION,
        access_request__clarification_due_on__lt=today,
    ).values_list("pk", flat=True)
    closed = 0
    for pk in overdue:
        with transaction.atomic():
            locked = Correspondence.objects.select_for_update().get(pk=pk)
            if locked.status != Status.AWAITING_CLARIFICATION:
                continue  # clarified in the meantime
            locked.status = Status.CLOSED
            locked.closed_at = timezone.now()
            locked.due_at = None
            locked.save(update_fields=["status", "closed_at", "due_at", "updated_at"])
            correspondence_event_record(
                item=locked,
                kind=CorrespondenceEvent.Kind.CLOSED,
                from_status=Status.AWAITING_CLARIFICATION,
                to_status=Status.CLOSED,
                message=in_bulgarian(
                    _(
                        "Заявлението не е уточнено в 30-дневния срок и е оставено без "
                        "разглеждане (чл. 29, ал. 2 ЗДОИ)."
                    )
                ),
            )
            closed += 1
    return closed


def access_extend(
    *, item: Correspondence, actor, reason: str, text: str, files: Files = ()
) -> OutgoingDocument:
    """Notice of extension: +10 days for a large volume (чл. 30), +14 for a third party (чл. 31).

    Each ground may be used once; the days are added to the term in force.
    """
    if not can_manage_item(actor, item):
        raise PermissionDenied
    if reason not in deadlines.EXTENSION_DAYS:
        raise CorrespondenceError({"reason": _("Изберете основание за удължаване на срока.")})
    with transaction.atomic():
        locked = _lock_for_officer(
            item=item,
            actor=actor,
            text=text,
            allowed=UNDECIDED,
            refusal=_("Срокът може да се удължи само преди решение."),
        )
        if locked.outgoing_documents.filter(
            kind=OutgoingDocument.Kind.EXTENSION_NOTICE, details__reason=reason
        ).exists():
            raise CorrespondenceError({"reason": _("Срокът вече е удължаван на това основание.")})
        previous_due = _current_due(locked)
        due = deadlines.extended_due_date(current_due=previous_due, reason=reason)
        AccessRequest.objects.filter(correspondence=locked).update(extension_reason=reason)
        _set_due(locked, due)
        document = outgoing_document_register(
            item=locked,
            actor=actor,
            kind=OutgoingDocument.Kind.EXTENSION_NOTICE,
            text=text,
            files=files,
            details={
                "reason": reason,
                "days": deadlines.EXTENSION_DAYS[reason],
                "previous_due_on": previous_due.isoformat(),
                "due_on": due.isoformat(),
            },
            to_status=Status.EXTENDED,
            message=in_bulgarian(
                _("Срокът за решение е удължен до %(date)s: %(reason)s."),
                date=_show(due),
                reason=EXTENSION_GROUNDS[reason],
            ),
        )
    item.refresh_from_db()
    return document


def access_forward(
    *, item: Correspondence, actor, body_name: str, text: str, files: Files = ()
) -> OutgoingDocument:
    """The information is held by another body (чл. 32): forwarded; the procedure ends here."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    body_name = body_name.strip()
    if not body_name:
        raise CorrespondenceError({"body_name": _("Посочете органа, към който се препраща.")})
    return _finish(
        item=item,
        actor=actor,
        text=text,
        files=files,
        kind=OutgoingDocument.Kind.FORWARDING_NOTICE,
        to_status=Status.FORWARDED,
        details={"body_name": body_name},
        message=in_bulgarian(
            _("Заявлението е препратено по компетентност на: %(body)s (чл. 32 ЗДОИ)."),
            body=body_name,
        ),
    )


def access_not_held(
    *, item: Correspondence, actor, text: str, files: Files = ()
) -> OutgoingDocument:
    """Notice that the municipality does not hold the information (чл. 33)."""
    return _finish(
        item=item,
        actor=actor,
        text=text,
        files=files,
        kind=OutgoingDocument.Kind.NOT_HELD_NOTICE,
        to_status=Status.NOT_HELD,
        details={},
        message=in_bulgarian(_("Общината не разполага с исканата информация (чл. 33 ЗДОИ).")),
    )


def access_decide(
    *,
    item: Correspondence,
    actor,
    outcome: str,
    text: str,
    files: Files = (),
    form_of_access: str = "",
    place: str = "",
    time_limit: int | str | None = "",
    costs: str = "",
    refusal_ground: str = "",
    appeal_info: str = "",
    sign_with_kep: bool = False,
) -> OutgoingDocument:
    """A decision granting full or partial access (чл. 34) or refusing it (чл. 37, 38).

    Granting needs the form, place, time limit (at least 30 days, чл. 35) and costs;
    refusing needs the legal ground and the facts (``text``). A partial decision may
    name the ground for the part withheld. Errors are keyed by these argument names.
    """
    if not can_manage_item(actor, item):
        raise PermissionDenied
    if outcome not in DECISION_KINDS:
        raise CorrespondenceError({"outcome": _("Изберете вид на решението.")})
    details = {
        "outcome": outcome,
        "appeal_info": (appeal_info or "").strip() or in_bulgarian(DEFAULT_APPEAL_INFO),
    }
    if outcome in (Outcome.GRANT, Outcome.PARTIAL):
        details |= grant_terms(form_of_access, place, time_limit, costs)
    if outcome == Outcome.REFUSE or refusal_ground:
        if refusal_ground not in RefusalGround.values:
            raise CorrespondenceError({"refusal_ground": _("Изберете правното основание.")})
        details["refusal_ground"] = refusal_ground
    if outcome == Outcome.REFUSE and not text.strip():
        raise CorrespondenceError({"text": _("Посочете фактическите основания за отказа.")})
    kind, status = DECISION_KINDS[outcome]
    message = decision_message(details)
    if sign_with_kep:  # before the item is locked: the signature asks a TSA over the network
        files = outgoing_files_signed(files, item=item)
    return _finish(
        item=item,
        actor=actor,
        text=text,
        files=files,
        kind=kind,
        to_status=status,
        details=details,
        message=message,
        refusal_ground=details.get("refusal_ground", ""),
    )


def access_confirm_received(*, item: Correspondence, author) -> Correspondence:
    """The requester confirms they received access; the request is closed."""
    with transaction.atomic():
        locked = _lock_for_author(item=item, author=author)
        _require_status(locked, GRANTED, _("Потвърждение е възможно само след решение за достъп."))
        now = timezone.now()
        AccessRequest.objects.filter(correspondence=locked).update(access_confirmed_at=now)
        from_status = locked.status
        locked.status = Status.CLOSED
        locked.closed_at = now
        locked.due_at = None
        locked.save(update_fields=["status", "closed_at", "due_at", "updated_at"])
        correspondence_event_record(
            item=locked,
            kind=CorrespondenceEvent.Kind.ACCESS_CONFIRMED,
            actor=author,
            from_status=from_status,
            to_status=Status.CLOSED,
            message=in_bulgarian(_("Заявителят потвърди, че е получил достъп до информацията.")),
            notify=False,
        )
    item.refresh_from_db()
    return item


def _finish(
    *,
    item: Correspondence,
    actor,
    text: str,
    files: Files,
    kind: str,
    to_status: str,
    details: dict,
    message: str,
    refusal_ground: str = "",
) -> OutgoingDocument:
    """Register the document that ends the decision term (forwarding, not held, a decision)."""
    with transaction.atomic():
        locked = _lock_for_officer(
            item=item,
            actor=actor,
            text=text,
            allowed=UNDECIDED,
            refusal=_("По заявлението вече има решение или е приключено."),
        )
        today = timezone.localdate()
        details = {
            **details,
            "decided_on": today.isoformat(),
            "due_on": _current_due(locked).isoformat(),
        }
        if refusal_ground:
            AccessRequest.objects.filter(correspondence=locked).update(
                refusal_ground=refusal_ground
            )
        # Nothing is due from the municipality any more; a refusal, a forwarding and
        # "not held" end the procedure, a grant ends when access is confirmed.
        locked.due_at = None
        if to_status not in GRANTED:
            locked.closed_at = timezone.now()
        locked.save(update_fields=["due_at", "closed_at", "updated_at"])
        document = outgoing_document_register(
            item=locked,
            actor=actor,
            kind=kind,
            text=text,
            files=files,
            details=details,
            to_status=to_status,
            message=message,
        )
        if kind in PUBLISHABLE_KINDS:  # a draft for the public register, to be checked
            publication_prepare(item=locked, document=document)
    item.refresh_from_db()
    return document


def _lock_for_officer(
    *, item: Correspondence, actor, text: str, allowed: frozenset, refusal
) -> Correspondence:
    """The locked item, once the officer may act, the status allows it and there is a text."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    locked = _lock(item)
    _require_status(locked, allowed, refusal)
    _require_text(text)
    return locked


def _lock_for_author(*, item: Correspondence, author) -> Correspondence:
    if not getattr(author, "pk", None) or item.author_id != author.pk:
        raise PermissionDenied
    return _lock(item)


def _lock(item: Correspondence) -> Correspondence:
    locked = Correspondence.objects.select_for_update().get(pk=item.pk)
    if not locked.is_access_request:
        raise CorrespondenceError(_("Това не е заявление по ЗДОИ."))
    return locked


def _require_status(item: Correspondence, allowed, message) -> None:
    if item.status not in allowed:
        raise CorrespondenceError(message)


TEXT_REQUIRED = _("Въведете текста на документа.")


def _require_text(text: str, message=TEXT_REQUIRED) -> None:
    if not (text or "").strip():
        raise CorrespondenceError({"text": message})


def _current_due(item: Correspondence) -> date:
    return item.due_at or deadlines.initial_due_date(
        kind=item.kind, registered_on=timezone.localdate(item.registered_at)
    )


def _set_due(item: Correspondence, due: date) -> None:
    item.due_at = due
    item.save(update_fields=["due_at", "updated_at"])


def _show(day: date) -> str:
    return formats.date_format(day, "d.m.Y")
