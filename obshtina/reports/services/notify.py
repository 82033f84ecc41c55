"""Who hears of a report's public changes: its submitter (by e-mail) and its subscribers.

Messages never carry the submitter's personal data to anyone else.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from obshtina.notifications.services import notification_queue

from ..models import Report, ReportEvent, Subscription

UNSUBSCRIBE_SALT = "reports.unsubscribe"


def unsubscribe_url(subscription: Subscription) -> str:
    token = signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("reports:unsubscribe", kwargs={"token": token})


def subscription_from_token(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).first()


def report_registered(*, report: Report) -> None:
    """The submitter's e-mail with the number and the private access link."""
    if not report.submitter_email:
        return
    with override("bg"):
        subject = _("Сигнал %(number)s е регистриран") % {"number": report.number}
        body = _(
            "Вашият сигнал е регистриран с номер %(number)s от %(date)s. "
            "Проследете го по номера на сайта или чрез връзката по-долу."
        ) % {"number": report.number, "date": report.created_at.strftime("%d.%m.%Y")}
    notification_queue(
        to_email=report.submitter_email,
        template="generic",
        context={
            "subject": subject,
            "body": body,
            "action_url": settings.SITE_URL + report.get_access_url(),
            "action_label": _("Отворете сигнала"),
        },
        user=report.author,
        about=report,
    )


def report_changed(*, report: Report, event: ReportEvent) -> None:
    """A public change: tell the submitter and every subscriber except who made it."""
    with override("bg"):
        subject = _("Промяна по сигнал %(number)s") % {"number": report.number}
        body = _("Състояние: %(status)s.") % {"status": report.get_status_display()}
        if event.public_message:
            body += "\n\n" + event.public_message
    if report.submitter_email and event.kind != "created":
        notification_queue(
            to_email=report.submitter_email,
            template="generic",
            context={
                "subject": subject,
                "body": body,
                "action_url": settings.SITE_URL + report.get_access_url(),
                "action_label": _("Отворете сигнала"),
            },
            user=report.author,
            about=report,
        )
    subscriptions = report.subscriptions.select_related("user").filter(user__is_active=True)
    if event.actor_id:
        subscriptions = subscriptions.exclude(user_id=event.actor_id)
    if report.submitter_email:  # already told above
        subscriptions = subscriptions.exclude(user__email__iexact=report.submitter_email)
    for subscription in subscriptions:
        notification_queue(
            to_email=subscription.user.email,
            template="generic",
            context={
                "subject": subject,
                "body": body,
                "action_url": settings.SITE_URL + report.get_absolute_url(),
                "action_label": _("Вижте сигнала"),
                "unsubscribe_url": unsubscribe_url(subscription),
            },
            user=subscription.user,
            about=report,
        )
