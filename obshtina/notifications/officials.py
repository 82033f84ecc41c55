"""Telling officials that work reached them: at once, or in one morning digest.

Every app calls ``official_notify`` inside the transaction of the change (an item
routed to a unit, assigned, a meeting requested or cancelled, a report reopened,
a request clarified). Each official hears of it the way their profile says
(``User.work_notices``): an e-mail now (and a push to the browsers they allowed),
or a ``WorkNotice`` row that ``work_digest_send`` turns into one e-mail the next
morning. Both say only what ``NoticeFacts`` holds — never the citizen's data — in
the official's own language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import translation

from obshtina.core.dates import end_of_day
from obshtina.organization.models import Unit
from obshtina.organization.selectors import unit_members

from .models import WorkNotice
from .services import PreparedNotification, notification_prepare, notification_queue

Reason = WorkNotice.Reason
# Reasons about a meeting: the e-mail gives its time rather than a deadline.
MEETING_REASONS = frozenset(
    {Reason.MEETING_REQUESTED, Reason.MEETING_CANCELLED, Reason.MEETING_MOVED}
)


@dataclass(frozen=True)
class NoticeFacts:
    """What an official's notice says about an item, and nothing more.

    `kind` may be a lazy label ("сигнал"): it is written in each official's language.
    `title` is the subject or the category — never the citizen's name or text.
    `due_at` is the deadline (a day or the end of it), or the meeting's start.
    `url` is the absolute address of the item's staff page.
    """

    about: models.Model
    number: str
    kind: str
    title: str
    unit: str
    due_at: datetime | date | None
    url: str


def assignee_or_unit(*, assignee, unit: Unit | None) -> Iterable:
    """Who handles an item now: its active assignee, else every member of its unit."""
    if assignee is not None and assignee.is_active:
        return [assignee]
    return unit_members(unit)


def official_notify(*, officials: Iterable, reason: str, item: NoticeFacts, actor=None) -> int:
    """Tell each of `officials` about `item` (see the module's docstring).

    Call it inside the change's transaction. Skipped: `actor` (who caused it),
    inactive accounts and accounts without an e-mail. Returns how many were told.
    """
    return official_notify_prepare(officials=officials, reason=reason, item=item, actor=actor)()


def official_notify_prepare(
    *, officials: Iterable, reason: str, item: NoticeFacts, actor=None
) -> Callable[..., int]:
    """Render the notices now, store them later with the returned function.

    For a caller that renders before it locks a registry counter and stores just
    before its commit: ``store({"PLACEHOLDER": number, ...})`` makes those
    replacements, in order, in the e-mails and the digest rows.
    """
    at_once: list[PreparedNotification] = []
    for_digest: list[WorkNotice] = []
    for official in _recipients(officials, actor):
        if official.work_notices == get_user_model().WorkNotices.DIGEST:
            for_digest.append(_work_notice(official, reason, item))
        else:
            at_once.append(_prepared_email(official, reason, item))

    def store(replacements: dict[str, str] | None = None) -> int:
        replacements = replacements or {}
        with transaction.atomic(savepoint=False):
            for prepared in at_once:
                prepared.store(replacements)
            for notice in for_digest:
                notice.number = _replaced(notice.number, replacements)
                notice.url = _replaced(notice.url, replacements)
            WorkNotice.objects.bulk_create(for_digest)
        return len(at_once) + len(for_digest)

    return store


# Stands for the registry number in notices rendered before the item has one.
PENDING_NUMBER = "REGISTRY-NUMBER-PENDING"


def official_notify_before_number(
    *,
    officials: Iterable,
    reason: str,
    item: models.Model,
    work_item: Callable[[models.Model], NoticeFacts],
    actor=None,
) -> Callable[[], int]:
    """For an item whose registry number is taken last in its transaction: render
    the notices now (no templates while the registry counter is locked) and return
    the function that stores them, with the number, once the item has it.

    `work_item` builds the item's ``NoticeFacts``; it is called before and after.
    """
    number = item.number
    item.number = PENDING_NUMBER
    try:
        pending = work_item(item)
        store = official_notify_prepare(
            officials=officials, reason=reason, item=pending, actor=actor
        )
    finally:
        item.number = number
    # The staff page's address first: there the number is percent-encoded.
    return lambda: store({pending.url: work_item(item).url, PENDING_NUMBER: item.number})


def work_digest_send() -> int:
    """Queue one e-mail per official with work waiting for their digest, and delete
    the rows it lists. Run every morning. Rows of an account that can no longer
    receive e-mail are dropped. Returns how many e-mails were queued."""
    queued = 0
    user_ids = WorkNotice.objects.values_list("user_id", flat=True).distinct()
    for official in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        with transaction.atomic():
            notices = list(
                WorkNotice.objects.select_for_update()
                .filter(user=official)
                .order_by("created_at", "pk")
            )
            if notices and official.is_active and official.email:
                notification_queue(
                    to_email=official.email,
                    template="work_digest",
                    context={"notices": [_digest_row(notice) for notice in notices]},
                    user=official,
                )
                queued += 1
            WorkNotice.objects.filter(pk__in=[notice.pk for notice in notices]).delete()
    return queued


def work_notices_forget(user) -> None:
    """Deletion hook: a deleted account's waiting notices go with it."""
    WorkNotice.objects.filter(user=user).delete()


def _recipients(officials: Iterable, actor) -> list:
    actor_id = getattr(actor, "pk", None)
    seen: set[int] = set()
    recipients = []
    for official in officials:
        if official is None or official.pk in seen or official.pk == actor_id:
            continue
        seen.add(official.pk)
        if official.is_active and official.email:
            recipients.append(official)
    return recipients


def _values(reason: str, item: NoticeFacts) -> dict:
    """The template's values, in the active language."""
    return {
        "reason": reason,
        "reason_label": Reason(reason).label,
        "is_meeting": reason in MEETING_REASONS,
        "number": item.number,
        "kind": str(item.kind),
        "title": item.title,
        "unit": item.unit,
        "due_at": _moment(item.due_at),
        "url": item.url,
        # A push opens the staff page, not the item's public one.
        "push_path": urlsplit(item.url).path,
    }


def _prepared_email(official, reason: str, item: NoticeFacts) -> PreparedNotification:
    with translation.override(official.language):
        context = _values(reason, item)
    return notification_prepare(
        to_email=official.email,
        template="work_notice",
        context=context,
        user=official,
        about=item.about,
    )


def _work_notice(official, reason: str, item: NoticeFacts) -> WorkNotice:
    with translation.override(official.language):
        kind = str(item.kind)
    return WorkNotice(
        user=official,
        reason=reason,
        about_type=item.about._meta.label_lower,
        about_id=str(item.about.pk),
        number=item.number,
        kind=kind[:100],
        title=item.title[:255],
        unit=item.unit[:200],
        due_at=_moment(item.due_at),
        url=item.url,
    )


def _digest_row(notice: WorkNotice) -> dict:
    return {
        "reason_label": notice.get_reason_display(),
        "is_meeting": notice.reason in MEETING_REASONS,
        "number": notice.number,
        "kind": notice.kind,
        "title": notice.title,
        "unit": notice.unit,
        "due_at": notice.due_at,
        "url": notice.url,
        "created_at": notice.created_at,
    }


def _moment(value: datetime | date | None) -> datetime | None:
    """A deadline day counts to its end in Sofia."""
    if value is None or isinstance(value, datetime):
        return value
    return end_of_day(value)


def _replaced(value: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        value = value.replace(old, new)
    return value
