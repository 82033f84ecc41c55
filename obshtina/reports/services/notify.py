"""Who hears of a report: its submitter (by e-mail) and its subscribers of its public
changes, the officials of work that reaches them.

Messages never carry the submitter's personal data to anyone else: the
templates get an explicit list of public values, never the report itself.
"""

from collections.abc import Callable

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.officials import (
    NoticeFacts,
    Reason,
    official_notify,
    official_notify_before_number,
)
from obshtina.notifications.services import notification_prepare, notification_queue
from obshtina.organization.selectors import site_url, unit_members

from ..models import Report, ReportEvent, Subscription

UNSUBSCRIBE_SALT = "reports.unsubscribe"
# Events the submitter caused or was already told of: no "your report changed" e-mail.
_NOT_FOR_SUBMITTER = frozenset({ReportEvent.Kind.CREATED, ReportEvent.Kind.REOPENED})


def unsubscribe_url(subscription: Subscription) -> str:
    """The one-click link for this user and report.

    It names the user and the report rather than the subscription row, so a
    link from an older e-mail still works after unsubscribing and subscribing again.
    """
    token = signing.dumps([subscription.user_id, subscription.report_id], salt=UNSUBSCRIBE_SALT)
    return site_url() + reverse("reports:unsubscribe", kwargs={"token": token})


def unsubscribe_target(token: str) -> tuple[int, int] | None:
    """``(user_id, report_id)`` of a link made by ``unsubscribe_url``, or None."""
    try:
        user_id, report_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or not isinstance(report_id, int):
        return None
    return user_id, report_id


def _public_values(report: Report) -> dict:
    """What anyone may read about the report (ARCHITECTURE.md, rule 5)."""
    return {
        "number": report.number,
        "category": report.category.name,
        # Labels stay lazy: each e-mail writes them in its recipient's language.
        "status": _status_label(report.status),
        "registered_at": report.created_at,
        "forwarded_to": report.forwarded_to if report.status == Report.Status.FORWARDED else "",
        "report_url": site_url() + report.get_absolute_url(),
    }


def _status_label(status: str):
    return Report.Status(status).label if status in Report.Status.values else status


# Stands for the number in an e-mail rendered before the report has one.
PENDING_NUMBER = "REGISTRY-NUMBER-PENDING"


def report_registered(*, report: Report) -> None:
    """The submitter's e-mail with the number and the private access link."""
    report_registered_prepare(report=report)()


def report_registered_prepare(*, report: Report, municipality=None) -> Callable[[], None]:
    """Render the submitter's e-mail before the report has its number.

    Returns the function that stores it, with the number, once the report has
    one: the rendering (templates, the municipality) is done before the
    registry counter is locked, and only the row is written while it is.
    `municipality`: the caller's, if it has read it already (one read less).
    """
    if not report.submitter_email:
        return lambda: None
    number = report.number
    report.number = PENDING_NUMBER
    try:
        pending_path = report.get_absolute_url()
        prepared = notification_prepare(
            to_email=report.submitter_email,
            template="report_registered",
            context={
                **_public_values(report),
                "access_url": site_url() + report.get_access_url(),
                **({"municipality": municipality} if municipality is not None else {}),
            },
            user=report.author,
            about=report,
        )
    finally:
        report.number = number

    def store() -> None:
        # The page's address first: there the number is percent-encoded.
        prepared.store({pending_path: report.get_absolute_url(), PENDING_NUMBER: report.number})

    return store


def _carries_the_answer(report: Report, event: ReportEvent) -> bool:
    """An answer, or a status change whose note became "Отговор на общината": the
    e-mail says in its subject that the municipality answered."""
    if event.kind == ReportEvent.Kind.ANSWER:
        return True
    return bool(
        event.kind == ReportEvent.Kind.STATUS
        and event.public_message
        and event.public_message == report.public_answer
    )


def report_changed(*, report: Report, event: ReportEvent) -> None:
    """A public change: tell the submitter and every subscriber except who made it."""
    context = {
        **_public_values(report),
        "event_kind": ReportEvent.Kind(event.kind).label,
        "from_status": _status_label(event.from_status),
        "to_status": _status_label(event.to_status),
        "public_message": event.public_message,
        # The status the event led to, even if the caller's report object is older.
        "status": _status_label(event.to_status or report.status),
        "changed_at": event.created_at,
        "is_answer": _carries_the_answer(report, event),
    }
    if report.submitter_email and event.kind not in _NOT_FOR_SUBMITTER:
        notification_queue(
            to_email=report.submitter_email,
            template="report_update",
            context={**context, "access_url": site_url() + report.get_access_url()},
            user=report.author,
            about=report,
        )
    if report.is_hidden:  # its page is gone for the public; so are the e-mails
        return
    if context["is_answer"] or event.to_status == Report.Status.RESOLVED:
        from .alerts import ANSWERED, area_alerts_after_commit  # alerts import this module

        area_alerts_after_commit(report=report, kind=ANSWERED)
    subscriptions = report.subscriptions.select_related("user").filter(user__is_active=True)
    if event.actor_id:
        subscriptions = subscriptions.exclude(user_id=event.actor_id)
    if report.submitter_email:  # the submitter hears of it above (or caused it)
        subscriptions = subscriptions.exclude(user__email__iexact=report.submitter_email)
    for subscription in subscriptions:
        link = unsubscribe_url(subscription)
        notification_queue(
            to_email=subscription.user.email,
            template="report_update",
            context={**context, "unsubscribe_url": link},
            user=subscription.user,
            about=report,
            list_unsubscribe_url=link,
        )


def _work_item(report: Report) -> NoticeFacts:
    """What an official is told: number, category, unit, deadline, the staff page."""
    return NoticeFacts(
        about=report,
        number=report.number,
        kind=_("сигнал"),
        title=report.category.name,
        unit=report.unit.name,
        due_at=report.due_at,
        url=site_url() + reverse("reports:manage", kwargs={"number": report.number}),
    )


def report_officials_notify(*, report: Report, reason: str, officials, actor=None) -> int:
    """Tell `officials` that the report reached them (see ``notifications.officials``)."""
    return official_notify(officials=officials, reason=reason, item=_work_item(report), actor=actor)


def report_routed_prepare(*, report: Report, actor=None) -> Callable[[], int]:
    """Render, before the report has its number, the notices to its unit's members;
    returns the function that stores them with the number."""
    return official_notify_before_number(
        officials=unit_members(report.unit),
        reason=Reason.ROUTED,
        item=report,
        work_item=_work_item,
        actor=actor,
    )
