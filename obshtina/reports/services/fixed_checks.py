"""“Наистина ли е решен?”: weeks after a report is resolved, its submitter (and the
subscribers who asked for it) get one e-mail asking whether the problem is really fixed.

"No" reopens the report to its unit with the citizen's words, also after the 30 days
in which a submitter may reopen on their own (the municipality asked); "yes" counts in
the unit's statistics. Each report is asked about once, whatever happens to it later.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.services import notification_queue
from obshtina.organization.selectors import site_url

from ..models import FixedCheck, Report
from .errors import ReportError
from .following import REOPEN_COMMENT_MAX_LENGTH, report_reopen
from .notify import _public_values

# Resolved longer ago than the wait and this: not asked at all (e.g. the reports of
# years before the feature, on its first run).
LATE = timedelta(days=7)
ANSWER_WINDOW = timedelta(days=60)  # after it, the link tells whom to call instead


def fixed_check_wait() -> timedelta:
    return timedelta(days=settings.REPORT_FIXED_CHECK_DAYS)


def fixed_checks_send(*, now=None) -> int:
    """Ask about the reports resolved ``REPORT_FIXED_CHECK_DAYS`` ago (up to a week
    more, so a day the job did not run is caught up); returns how many were asked."""
    now = now or timezone.now()
    resolved_before = now - fixed_check_wait()
    due = (
        Report.objects.filter(
            status=Report.Status.RESOLVED,
            resolved_at__lte=resolved_before,
            resolved_at__gt=resolved_before - LATE,
            is_hidden=False,
        )
        .exclude(fixed_checks__isnull=False)
        .select_related("category", "author")
    )
    asked = 0
    for report in due:
        with transaction.atomic():
            for email, user in _recipients(report):
                check = FixedCheck.objects.create(report=report, to_email=email, user=user)
                notification_queue(
                    to_email=email,
                    template="report_fixed_check",
                    context={**_public_values(report), "answer_url": fixed_check_url(check)},
                    user=user,
                    about=report,
                )
                asked += 1
    return asked


def _recipients(report: Report) -> list[tuple[str, object]]:
    """The submitter's e-mail, then every subscriber who asked, each address once."""
    found = {}
    if report.submitter_email:
        found[report.submitter_email.lower()] = (report.submitter_email, report.author)
    for subscription in report.subscriptions.filter(asks_if_fixed=True).select_related("user"):
        email = subscription.user.email
        if email:
            found.setdefault(email.lower(), (email, subscription.user))
    return list(found.values())


def fixed_check_url(check: FixedCheck) -> str:
    return site_url() + reverse("reports:fixed_check", kwargs={"token": check.token})


def fixed_check_open(check: FixedCheck, *, now=None) -> bool:
    """Whether the question still takes an answer."""
    now = now or timezone.now()
    return check.answered_at is None and now - check.sent_at <= ANSWER_WINDOW


def fixed_check_answer(*, check: FixedCheck, is_fixed: bool, comment: str = "") -> FixedCheck:
    """Record the answer; "not fixed" reopens the report with ``comment`` (required).

    Raises ``ReportError`` for an answer already given, a question closed or a missing
    comment. A report someone else's answer has reopened already is not reopened twice;
    the comment is kept with this answer all the same.
    """
    comment = comment.strip()
    if not is_fixed and not comment:
        raise ReportError({"comment": _("Напишете какво не е решено – звеното ще го прочете.")})
    if len(comment) > REOPEN_COMMENT_MAX_LENGTH:
        raise ReportError(
            {
                "comment": _("Текстът е твърде дълъг (до %(max)s знака).")
                % {"max": REOPEN_COMMENT_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        locked = FixedCheck.objects.select_for_update().select_related("report").get(pk=check.pk)
        if not fixed_check_open(locked):
            raise ReportError(_("На този въпрос вече е отговорено или срокът за отговор изтече."))
        locked.answered_at = timezone.now()
        locked.is_fixed = is_fixed
        locked.comment = comment
        locked.save(update_fields=["answered_at", "is_fixed", "comment"])
        report = locked.report
        if not is_fixed and report.status == Report.Status.RESOLVED:
            report_reopen(report=report, comment=comment, actor=locked.user, asked=True)
    return locked
