"""The outbox: queue notifications inside the caller's transaction, deliver them with retries.

Callers (other apps' services) call `notification_queue` inside their own
`transaction.atomic()`; the row commits or rolls back with their change, and
delivery is only enqueued once it has committed. Logs carry notification ids
and statuses, never addresses or bodies.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from obshtina.organization.selectors import current_municipality, site_url

from . import push
from .models import DeliveryAttempt, Notification, PushSubscription

logger = logging.getLogger(__name__)

# How long a worker may hold a notification while talking to the mail server.
CLAIM_LEASE = timedelta(minutes=10)
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=6)


def notification_queue(**message) -> Notification:
    """Render `notifications/email/<template>.{subject.txt,txt,html}` and store it for
    delivery (the arguments of `notification_prepare`).

    Call it inside the transaction of the change the message reports: a rolled-back
    change leaves no row and sends nothing. Templates get `municipality` and
    `site_url` besides `context`. `calendar` is an iCalendar text (METHOD:REQUEST
    or CANCEL) sent along as an invitation the mail client can add or update.
    """
    return notification_prepare(**message).store()


@dataclass
class PreparedNotification:
    """A rendered e-mail (and its push rows), not stored yet; see `notification_prepare`."""

    rows: list[dict]

    def store(self, replacements: dict[str, str] | None = None) -> Notification:
        """Store the rows in the caller's transaction, each text with `replacements`
        made in order (e.g. a placeholder replaced by a number known only now)."""

        def replaced(value):
            if isinstance(value, dict):
                return {key: replaced(item) for key, item in value.items()}
            if not isinstance(value, str):
                return value
            for old, new in (replacements or {}).items():
                value = value.replace(old, new)
            return value

        # No savepoint: a failure here fails the caller's change anyway, and two
        # round trips less matter where the caller holds a registry counter's lock.
        with transaction.atomic(savepoint=False):
            stored = [
                _store(**{key: replaced(value) for key, value in row.items()}) for row in self.rows
            ]
        return stored[0]


def notification_prepare(
    *,
    to_email: str,
    template: str,
    context: dict,
    language: str | None = None,
    user: AbstractBaseUser | None = None,
    about: models.Model | None = None,
    list_unsubscribe_url: str = "",
    calendar: str = "",
) -> PreparedNotification:
    """Render what `notification_queue` stores, to store it later with ``.store()``.

    For a caller that renders before it holds a lock and stores just before its commit.
    Without `language`, the message is in the language on `user`'s account, and in
    Bulgarian for someone without an account — never in the language of the page the
    request that caused it came from (that is often an official's).
    """
    language = _supported_language(language or recipient_language(user))
    context = {"site_url": site_url(), **context}
    if "municipality" not in context:  # a caller that has read it already passes it
        context["municipality"] = current_municipality()
    with translation.override(language):
        subject = render_to_string(f"notifications/email/{template}.subject.txt", context)
        text_body = render_to_string(f"notifications/email/{template}.txt", context)
        html_body = render_to_string(f"notifications/email/{template}.html", context)
    rows = [
        {
            "to_email": to_email,
            "template": template,
            "subject": subject,
            "text_body": text_body,
            "html_body": html_body,
            "language": language,
            "user": user,
            "about": about,
            "headers": _list_unsubscribe_headers(list_unsubscribe_url),
            "calendar": calendar,
        }
    ]
    rows.extend(
        _push_rows(
            user=user,
            template=template,
            subject=subject,
            context=context,
            language=language,
            about=about,
        )
    )
    return PreparedNotification(rows=rows)


def _push_rows(
    *,
    user: AbstractBaseUser | None,
    template: str,
    subject: str,
    context: dict,
    language: str,
    about: models.Model | None,
) -> list[dict]:
    """Beside the e-mail, one push row per browser the user allowed (see push.py)."""
    subscriptions = push.push_targets(user)
    if not subscriptions:
        return []
    text, url = push.push_content(
        template=template, context=context, language=language, about=about
    )
    return [
        {
            "channel": Notification.Channel.PUSH,
            "push_subscription": subscription,
            "to_email": "",
            "template": template,
            "subject": subject,
            "text_body": text,
            "html_body": "",
            "language": language,
            "user": user,
            "about": about,
            "headers": {"url": url},
        }
        for subscription in subscriptions
    ]


def _list_unsubscribe_headers(url: str) -> dict:
    """RFC 8058 one-click unsubscribe: mail clients show an "Unsubscribe" button."""
    if not url:
        return {}
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def notification_queue_message(
    *, message: EmailMessage, user: AbstractBaseUser | None = None, language: str = "bg"
) -> Notification:
    """Store an already rendered message (allauth's mails) so it gets the same retries.

    One row per recipient in `message.to`; the first one is returned.
    """
    if not message.to:
        raise ValueError("The message has no recipient.")
    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    with transaction.atomic():
        stored = [
            _store(
                to_email=to_email,
                template="message",
                subject=str(message.subject),
                text_body=str(message.body),
                html_body=str(html_body),
                language=_supported_language(language),
                user=user,
                about=None,
            )
            for to_email in message.to
        ]
    return stored[0]


def notification_deliver(*, notification_id: int) -> bool:
    """Send one due notification; True if it was sent by this call.

    Safe when several workers pick the same row: a conditional UPDATE claims it
    first (no lock is held while talking to the mail server), and a row that is
    sent, failed or not yet due is left alone.
    """
    now = timezone.now()
    claimed = _due(now).filter(pk=notification_id).update(claimed_until=now + CLAIM_LEASE)
    if not claimed:
        return False
    notification = Notification.objects.select_related("push_subscription").get(pk=notification_id)
    try:
        _send(notification)
    except push.PushUndeliverable as error:  # no retry can help: the browser is gone
        _record_failure(notification, error, final=True)
        return False
    except Exception as error:  # any failure is one more attempt; the row must not get stuck
        _record_failure(notification, error)
        return False
    _record_success(notification)
    return True


def notifications_deliver_due(*, limit: int = 100) -> int:
    """Deliver pending notifications whose time has come; returns how many were sent.

    The sweep that guarantees delivery even if an enqueue was lost or no worker ran.
    """
    due_ids = list(
        _due(timezone.now()).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk) for pk in due_ids)


def notification_retry(*, notification: Notification) -> None:
    """Make a pending or failed notification due now (staff's "retry now")."""
    if notification.status == Notification.Status.SENT:
        return
    with transaction.atomic():
        Notification.objects.filter(pk=notification.pk).exclude(
            status=Notification.Status.SENT
        ).update(status=Notification.Status.PENDING, next_attempt_at=timezone.now())
        _enqueue_delivery_on_commit(notification.pk)
    logger.info("Notification %s queued for retry by staff", notification.pk)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 1 min after the first failure, then 2, 4, … up to 6 hours."""
    return min(FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def _due(now: datetime) -> models.QuerySet[Notification]:
    return Notification.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now),
        status=Notification.Status.PENDING,
        next_attempt_at__lte=now,
    )


def _store(
    *,
    channel: str = Notification.Channel.EMAIL,
    push_subscription: PushSubscription | None = None,
    to_email: str,
    template: str,
    subject: str,
    text_body: str,
    html_body: str,
    language: str,
    user: AbstractBaseUser | None,
    about: models.Model | None,
    headers: dict | None = None,
    calendar: str = "",
) -> Notification:
    with transaction.atomic(savepoint=False):
        notification = Notification.objects.create(
            channel=channel,
            push_subscription=push_subscription,
            to_email=to_email,
            user=user,
            language=language,
            template=template,
            # A header line: a template's trailing newline must not end up in it.
            subject=" ".join(subject.split())[:255],
            text_body=text_body,
            html_body=html_body,
            about_type=about._meta.label_lower if about is not None else "",
            about_id=str(about.pk) if about is not None else "",
            headers=headers or {},
            calendar=calendar,
        )
        _enqueue_delivery_on_commit(notification.pk)
    logger.info("Notification %s queued (template %s)", notification.pk, template)
    return notification


def _enqueue_delivery_on_commit(notification_id: int) -> None:
    from .tasks import deliver_notification  # tasks import this module

    # robust: the change has committed by then; a failed enqueue must not turn the
    # caller's response into an error — the sweep delivers the row anyway.
    transaction.on_commit(lambda: deliver_notification.enqueue(notification_id), robust=True)


def recipient_language(user: AbstractBaseUser | None) -> str:
    """The language of the e-mails to `user`: their account's, else Bulgarian."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _supported_language(language: str) -> str:
    try:
        return translation.get_supported_language_variant(language or "")[:2]
    except LookupError:
        return settings.LANGUAGE_CODE


def _send(notification: Notification) -> None:
    if notification.channel == Notification.Channel.PUSH:
        push.push_send(notification)
        return
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.text_body,
        from_email=_sender(notification),
        to=[notification.to_email],
        headers={"Auto-Submitted": "auto-generated", **notification.headers},
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    if notification.calendar:
        _attach_calendar(message, notification.calendar)
    message.send()


def _sender(notification: Notification) -> str:
    """The first municipality sends as DEFAULT_FROM_EMAIL; another one under its own
    name from the same address (the one the mail server may send from)."""
    municipality = notification.municipality
    if municipality.is_first:
        return settings.DEFAULT_FROM_EMAIL
    return str(Address(municipality.name, addr_spec=parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _attach_calendar(message: EmailMultiAlternatives, calendar: str) -> None:
    """As mail clients expect an invitation: a text/calendar part carrying the
    METHOD (Outlook, Gmail show "add / update"), and the same as an .ics file."""
    method = next(
        (
            line.split(":", 1)[1].strip()
            for line in calendar.splitlines()
            if line.startswith("METHOD:")
        ),
        "PUBLISH",
    )
    message.attach_alternative(calendar, f"text/calendar; method={method}")
    message.attach("invite.ics", calendar, "application/ics")


def _record_success(notification: Notification) -> None:
    now = timezone.now()
    with transaction.atomic():
        DeliveryAttempt.objects.create(notification=notification, attempted_at=now, ok=True)
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.SENT,
            sent_at=now,
            attempts=F("attempts") + 1,
            last_error="",
            claimed_until=None,
        )
    logger.info("Notification %s sent", notification.pk)


def _record_failure(notification: Notification, error: Exception, *, final: bool = False) -> None:
    now = timezone.now()
    attempts = notification.attempts + 1
    # The server's reply may quote the address: it is kept for staff, never logged.
    error_text = f"{type(error).__name__}: {error}"[:2000]
    gave_up = final or attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            notification=notification, attempted_at=now, ok=False, error=error_text
        )
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED if gave_up else Notification.Status.PENDING,
            attempts=attempts,
            next_attempt_at=now + retry_delay(attempts),
            last_error=error_text,
            claimed_until=None,
        )
    logger.warning(
        "Notification %s attempt %s failed (%s)%s",
        notification.pk,
        attempts,
        type(error).__name__,
        "; giving up" if gave_up else "",
    )


def notifications_erase_for_user(*, user) -> int:
    """Forget a deleted account's messages: address and bodies go, nothing more is sent.

    The rows stay (with their subjects and attempts) as the record that something
    was sent; returns how many were erased.
    """
    from .selectors import notifications_of_user

    ids = list(notifications_of_user(user).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, status=Notification.Status.PENDING).update(
        status=Notification.Status.FAILED, last_error="account deleted"
    )
    return Notification.objects.filter(pk__in=ids).update(
        to_email=f"deleted-{user.pk}@invalid", text_body="", html_body="", user=None
    )
