"""What citizens do with a report after it is registered: follow it, or reopen it.

A subscription belongs to a registered user; the submitter without an account
reopens through the private access link (see ``views.public``).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.officials import Reason, assignee_or_unit

from ..models import FixedCheck, Report, ReportEvent, Subscription
from . import notify
from .deadlines import report_due_at
from .errors import ReportError
from .events import report_event_record

REOPEN_WINDOW = timedelta(days=30)
REOPEN_COMMENT_MAX_LENGTH = 2000
# Back in the unit's queue, as a report the unit has already accepted once.
REOPENED_STATUS = Report.Status.ACCEPTED


def report_reopen_allowed(report: Report, *, now=None) -> bool:
    """May the report's submitter still say "not fixed"? Resolved, within 30 days."""
    now = now or timezone.now()
    return (
        report.status == Report.Status.RESOLVED
        and report.resolved_at is not None
        and now - report.resolved_at <= REOPEN_WINDOW
    )


def report_reopen(*, report: Report, comment: str, actor=None, asked: bool = False) -> Report:
    """Reopen a resolved report with the submitter's comment.

    The report goes back to its unit's queue (status ``accepted``) with a new
    deadline of the category's time to resolve, counted from now; the comment
    is the public message of the REOPENED event, which notifies the subscribers.
    Raises ``ReportError`` when the report is not resolved or the 30 days are over
    — unless the municipality ``asked`` whether it is fixed (``fixed_checks``): then
    a resolved report reopens whenever the answer comes.
    """
    comment = comment.strip()
    if not comment:
        raise ReportError({"comment": _("Напишете какво не е решено.")})
    if len(comment) > REOPEN_COMMENT_MAX_LENGTH:
        raise ReportError(
            {
                "comment": _("Коментарът е твърде дълъг (до %(max)s знака).")
                % {"max": REOPEN_COMMENT_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        # Locked, so that two clicks on "Не е решен?" reopen it once.
        locked = Report.objects.select_for_update().select_related("category").get(pk=report.pk)
        now = timezone.now()
        if asked and locked.status != Report.Status.RESOLVED:
            raise ReportError(_("Сигналът вече не е отбелязан като решен."))
        if not asked and not report_reopen_allowed(locked, now=now):
            raise ReportError(
                _(
                    "Сигналът може да бъде отворен отново само до 30 дни след като е "
                    "отбелязан като решен."
                )
            )
        from_status = locked.status
        locked.status = REOPENED_STATUS
        locked.resolved_at = None
        locked.due_at = report_due_at(category=locked.category, registered_at=now)
        locked.save(update_fields=["status", "resolved_at", "due_at", "updated_at"])
        report_event_record(
            report=locked,
            kind=ReportEvent.Kind.REOPENED,
            actor=actor,
            from_status=from_status,
            to_status=locked.status,
            public_message=comment,
        )
        notify.report_officials_notify(
            report=locked,
            reason=Reason.REOPENED,
            officials=assignee_or_unit(assignee=locked.assigned_to, unit=locked.unit),
            actor=actor,
        )
    for field in ("status", "resolved_at", "due_at", "updated_at"):
        setattr(report, field, getattr(locked, field))
    return report


def subscription_add(*, user, report: Report, asks_if_fixed: bool | None = None) -> Subscription:
    """Follow the report; subscribing twice keeps the one subscription.

    ``asks_if_fixed``: also ask the user, weeks after the report is resolved, whether it
    really is (``fixed_checks``); None leaves the choice as it was.
    """
    subscription, _created = Subscription.objects.get_or_create(user=user, report=report)
    if asks_if_fixed is not None and subscription.asks_if_fixed != asks_if_fixed:
        subscription.asks_if_fixed = asks_if_fixed
        subscription.save(update_fields=["asks_if_fixed"])
    return subscription


def subscription_remove(*, user, report: Report) -> bool:
    """Stop following; True if there was a subscription to remove."""
    deleted, _details = Subscription.objects.filter(user=user, report=report).delete()
    return bool(deleted)


def subscription_remove_by_token(token: str) -> Report | None:
    """The one-click unsubscribe link from an e-mail, no login needed.

    Returns the report the link was for (also when the subscription is already
    gone: clicking twice is fine), or None for a link that is not ours.
    """
    target = notify.unsubscribe_target(token)
    if target is None:
        return None
    user_id, report_id = target
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return None
    Subscription.objects.filter(user_id=user_id, report=report).delete()
    return report


def subscriptions_forget(user) -> None:
    """Account deletion hook: a deleted account follows nothing and is asked nothing;
    its answers to "Наистина ли е решен?" stay counted, without its address."""
    Subscription.objects.filter(user=user).delete()
    FixedCheck.objects.filter(user=user, answered_at__isnull=True).delete()
    FixedCheck.objects.filter(user=user).update(user=None, to_email="")
