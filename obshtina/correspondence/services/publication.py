"""The public register of answered access-to-information requests.

A decision (granting, partial, refusing, or "not held") prepares a draft with the
requester's personal data taken out by ``redaction``; an access officer reads it,
corrects what the rules missed and publishes it — nothing is public before. A published
entry may be withdrawn; it never shows the requester, only its own texts.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.permissions import can_publish_access_answers

from ..models import Correspondence, OutgoingDocument, PublishedAnswer
from ..redaction import redact
from .errors import CorrespondenceError

PUBLISHABLE_KINDS = frozenset(
    {
        OutgoingDocument.Kind.DECISION_GRANT,
        OutgoingDocument.Kind.DECISION_PARTIAL,
        OutgoingDocument.Kind.DECISION_REFUSE,
        OutgoingDocument.Kind.NOT_HELD_NOTICE,
    }
)


def publication_prepare(*, item: Correspondence, document: OutgoingDocument) -> PublishedAnswer:
    """The draft of ``item``'s entry from its decision ``document``, redacted; a draft
    prepared before (a second decision cannot happen, a re-run can) is refreshed unless
    it was published."""
    request = item.access_request
    texts = {
        "subject": redact(item.subject, item)[:300],
        "request_text": redact(request.information_description, item),
        "decision_kind": document.kind,
        "decision_text": redact(document.text, item),
        "decided_on": timezone.localdate(document.created_at),
    }
    entry, created = PublishedAnswer.objects.get_or_create(correspondence=item, defaults=texts)
    if not created and entry.status == PublishedAnswer.Status.DRAFT:
        for name, value in texts.items():
            setattr(entry, name, value)
        entry.save()
    return entry


def publication_save(
    *, entry: PublishedAnswer, actor, subject: str, request_text: str, decision_text: str
) -> PublishedAnswer:
    """The officer's corrections of the texts (a published entry changes at once)."""
    _check(actor)
    errors = {}
    for name, value in (
        ("subject", subject),
        ("request_text", request_text),
        ("decision_text", decision_text),
    ):
        if not value.strip():
            errors[name] = [_("Това поле не може да е празно.")]
    if errors:
        raise CorrespondenceError(errors)
    entry.subject = subject.strip()[:300]
    entry.request_text = request_text.strip()
    entry.decision_text = decision_text.strip()
    entry.save(update_fields=["subject", "request_text", "decision_text", "updated_at"])
    return entry


def publication_publish(*, entry: PublishedAnswer, actor) -> PublishedAnswer:
    _check(actor)
    with transaction.atomic():
        locked = PublishedAnswer.objects.select_for_update().get(pk=entry.pk)
        locked.status = PublishedAnswer.Status.PUBLISHED
        locked.published_at = locked.published_at or timezone.now()
        locked.published_by = actor
        locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return locked


def publication_withdraw(*, entry: PublishedAnswer, actor) -> PublishedAnswer:
    _check(actor)
    entry.status = PublishedAnswer.Status.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    return entry


def _check(actor) -> None:
    if not can_publish_access_answers(actor):
        raise PermissionDenied
