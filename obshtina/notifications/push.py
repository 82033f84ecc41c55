"""Web push: the browsers a user allowed to show notifications, and delivering to them.

Push is on when ``VAPID_PUBLIC_KEY`` and ``VAPID_PRIVATE_KEY`` are set (``manage.py
generate_vapid_keys`` makes a pair). ``services.notification_queue`` then writes, beside
the e-mail, one outbox row per subscription of the user (channel "push"): the title
is the e-mail's subject, ``text_body`` a short text from
``notifications/push/<template>.txt``, and ``headers["url"]`` the page the notification
opens. The worker delivers those rows like e-mails (same retries and back-off); a push
service that answers 404 or 410 has forgotten the browser, so its subscription is deleted.

Only well-known push services are accepted as endpoints (``PUSH_SERVICE_HOSTS``), so
a subscription can never make the server post to an address of the user's choosing.
"""

import json
import logging
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import select_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from pywebpush import WebPushException, webpush

from .models import Notification, PushSubscription

logger = logging.getLogger(__name__)

# How long a push service keeps a message for a device that is offline (seconds).
PUSH_TTL = 24 * 60 * 60
PUSH_TIMEOUT = 20
BODY_MAX_CHARS = 200
# Push services of Chrome/Android, Firefox, Safari/iOS and Edge; a deployment may
# set PUSH_SERVICE_HOSTS in its settings. A leading dot allows every subdomain.
DEFAULT_PUSH_SERVICE_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    ".push.apple.com",
    ".notify.windows.com",
)
GONE_STATUSES = frozenset({404, 410})


class PushSubscriptionError(ValidationError):
    """A subscription the browser sent that cannot be kept."""


class PushUndeliverable(Exception):
    """A push row that no retry can deliver: the outbox marks it failed at once."""


class PushDeliveryError(Exception):
    """The push service refused or did not answer; the outbox tries again later."""


def push_enabled() -> bool:
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY)


def push_subscription_save(
    *, user: AbstractBaseUser, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription:
    """Keep (or renew) a browser's subscription for ``user``.

    A browser has one endpoint; if another account subscribed it before, the browser
    now belongs to whoever subscribed last.
    """
    if not push_enabled():
        raise PushSubscriptionError(_("Известията в браузъра не са включени на този сайт."))
    endpoint = (endpoint or "").strip()
    _check_endpoint(endpoint)
    if not _is_key(p256dh, 60, 200) or not _is_key(auth, 16, 100):
        raise PushSubscriptionError(_("Браузърът изпрати непълен абонамент. Опитайте отново."))
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={
                "user": user,
                "p256dh": p256dh,
                "auth": auth,
                "user_agent": (user_agent or "")[:300],
            },
        )
    logger.info("Push subscription %s saved", subscription.pk)
    return subscription


def push_subscription_delete(
    *, user: AbstractBaseUser, endpoint: str = "", pk: int | None = None
) -> bool:
    """Forget one of ``user``'s browsers (by its endpoint or id); False if none matched."""
    subscriptions = PushSubscription.objects.filter(user=user)
    if pk is not None:
        subscriptions = subscriptions.filter(pk=pk)
    elif endpoint:
        subscriptions = subscriptions.filter(endpoint=endpoint)
    else:
        return False
    subscription = subscriptions.first()
    if subscription is None:
        return False
    _forget(subscription, reason="unsubscribed")
    return True


def push_subscriptions_forget(user: AbstractBaseUser) -> None:
    """Deletion hook: a deleted account's browsers receive nothing more."""
    for subscription in PushSubscription.objects.filter(user=user):
        _forget(subscription, reason="account deleted")


def push_subscriptions_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """For the personal-data export: which browsers, since when (never the keys)."""
    return [
        {
            "browser": subscription.user_agent,
            "created_at": subscription.created_at.isoformat(),
            "last_success_at": (
                subscription.last_success_at.isoformat() if subscription.last_success_at else None
            ),
        }
        for subscription in PushSubscription.objects.filter(user=user).order_by("created_at")
    ]


def push_profile_section(user: AbstractBaseUser) -> dict[str, Any]:
    """The "Известия в браузъра" card of the profile hub."""
    return {
        "title": _("Известия в браузъра"),
        "url": reverse("push:settings"),
        "count": PushSubscription.objects.filter(user=user).count(),
        "empty": _("Изключени. Включете ги, за да научавате веднага за промените.")
        if push_enabled()
        else _("Не са налични на този сайт."),
    }


def push_subscriptions_of(user: AbstractBaseUser) -> models.QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("-created_at")


def push_targets(user: AbstractBaseUser | None) -> list[PushSubscription]:
    """The browsers a notification for ``user`` goes to (none while push is off)."""
    if not push_enabled() or user is None or not getattr(user, "pk", None):
        return []
    if not user.is_active:
        return []
    return list(PushSubscription.objects.filter(user=user).order_by("pk"))


def push_content(
    *, template: str, context: dict, language: str, about: models.Model | None
) -> tuple[str, str]:
    """``(text, url)`` of the notification: a short text and the page it opens."""
    text_template = select_template(
        [f"notifications/push/{template}.txt", "notifications/push/default.txt"]
    )
    with translation.override(language):
        text = text_template.render(context)
    text = Truncator(" ".join(text.split())).chars(BODY_MAX_CHARS)
    return text, _url_of(about, context)


def _url_of(about: models.Model | None, context: dict) -> str:
    """The page a push opens: the context's ``push_path`` (e.g. an item's staff page,
    for officials), else the item's own page, else ``url_path``, else the profile."""
    path = context.get("push_path", "")
    if _is_local_path(path):
        return path
    if about is not None and hasattr(about, "get_absolute_url"):
        try:
            return about.get_absolute_url()
        except NoReverseMatch:
            pass
    path = context.get("url_path", "")
    if _is_local_path(path):
        return path
    return reverse("accounts:profile")


def _is_local_path(path) -> bool:
    return isinstance(path, str) and path.startswith("/") and not path.startswith("//")


def push_send(notification: Notification) -> None:
    """Hand one push row to the browser's push service; raises on failure.

    ``PushUndeliverable`` when no retry can help (push switched off, the browser
    unsubscribed); any other exception is an ordinary failed attempt.
    """
    subscription = notification.push_subscription
    if subscription is None:
        raise PushUndeliverable("The browser's subscription no longer exists.")
    if not push_enabled():
        raise PushUndeliverable("Web push is off (no VAPID keys).")
    payload = {
        "title": notification.subject,
        "body": notification.text_body,
        "url": notification.headers.get("url", "/"),
        "tag": f"{notification.about_type}:{notification.about_id}"
        if notification.about_type
        else f"notification:{notification.pk}",
    }
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(payload, ensure_ascii=False),
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=PUSH_TTL,
            timeout=PUSH_TIMEOUT,
        )
    except WebPushException as error:
        status = error.status_code
        if status in GONE_STATUSES:
            _forget(subscription, reason=f"push service answered {status}")
            raise PushUndeliverable(
                f"The push service no longer knows the browser ({status})."
            ) from None
        # The push service's answer may quote the endpoint: keep the status only.
        raise PushDeliveryError(f"The push service answered {status or 'nothing'}.") from None
    PushSubscription.objects.filter(pk=subscription.pk).update(last_success_at=timezone.now())


def _forget(subscription: PushSubscription, *, reason: str) -> None:
    """Delete a subscription, keeping its notifications as the record of what was sent;
    those still waiting will never be delivered."""
    with transaction.atomic():
        rows = Notification.objects.filter(push_subscription=subscription)
        rows.filter(status=Notification.Status.PENDING).update(
            status=Notification.Status.FAILED, last_error=f"subscription removed: {reason}"
        )
        rows.update(push_subscription=None)
        subscription.delete()
    logger.info("Push subscription %s removed (%s)", subscription.pk, reason)


def _check_endpoint(endpoint: str) -> None:
    invalid = PushSubscriptionError(
        _("Браузърът използва неизвестна услуга за известия. Опитайте с друг браузър.")
    )
    if len(endpoint) > 1000:
        raise invalid
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        raise invalid from None
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or parts.username or port not in (None, 443):
        raise invalid
    allowed = getattr(settings, "PUSH_SERVICE_HOSTS", DEFAULT_PUSH_SERVICE_HOSTS)
    if not any(
        host.endswith(entry) if entry.startswith(".") else host == entry for entry in allowed
    ):
        raise invalid


def _is_key(value: Any, min_length: int, max_length: int) -> bool:
    """A base64url key as browsers send them."""
    if not isinstance(value, str) or not min_length <= len(value) <= max_length:
        return False
    return all(char.isascii() and (char.isalnum() or char in "-_=") for char in value)
