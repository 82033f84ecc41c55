"""Outgoing documents through e-Delivery: planned in the registering transaction, sent by
a background job with retries and back-off, then followed until the recipient opens them.

Consent. A person receives through e-Delivery only on a profile they registered themselves
(``isActivated`` and not ``isPassive``): ЗЕУ makes electronic delivery to a citizen depend
on their choice, and registering a profile in ССЕВ is that choice. We never create a
passive profile for anyone. An organisation's active profile is used as it is. The e-mail
to the sender goes out either way, so e-Delivery is an additional, legally valid channel.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .client import (
    INDIVIDUAL_TARGET_GROUP,
    LEGAL_ENTITY_TARGET_GROUP,
    EDeliveryClient,
    EDeliveryError,
    Profile,
)
from .models import Delivery
from .recipients import (
    PERSON,
    Recipient,
    identifier_decrypt,
    identifier_encrypt,
    identifier_hash,
    recipient_of,
)

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=6)
FIRST_CHECK_DELAY = timedelta(minutes=5)
MAX_CHECK_DELAY = timedelta(hours=6)


def edelivery_enabled() -> bool:
    return bool(settings.EDELIVERY_ENABLED and settings.EDELIVERY_URL)


def delivery_plan(*, document, recipient: Recipient | None = None) -> Delivery | None:
    """Queue ``document`` for the recipient's e-Delivery profile, if the connector is on
    and the item has a recipient e-Delivery knows (``recipients.recipient_of``).

    Call it in the transaction that registers the document: the row commits with it and
    the job is enqueued after the commit; the sweep sends it if that enqueue is lost.
    """
    if not edelivery_enabled():
        return None
    recipient = recipient or recipient_of(document.correspondence)
    if recipient is None:
        return None
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                municipality_id=document.correspondence.municipality_id,
                document=document,
                recipient_kind=recipient.kind,
                identifier_hash=identifier_hash(recipient),
                identifier_encrypted=identifier_encrypt(recipient),
            )
    except IntegrityError:  # already planned for this recipient
        return Delivery.objects.get(document=document, identifier_hash=identifier_hash(recipient))
    _enqueue_on_commit(delivery.pk)
    logger.info("e-Delivery %s planned for outgoing document %s", delivery.pk, document.pk)
    return delivery


def delivery_send(*, delivery_id: int) -> bool:
    """Send one due delivery; True if e-Delivery took it in this call.

    Safe with several workers: a conditional UPDATE claims the row first, and no lock is
    held while talking to the service bus.
    """
    if not edelivery_enabled():  # turned off meanwhile: the row waits for it to be back on
        return False
    now = timezone.now()
    claimed = _due_to_send(now).filter(pk=delivery_id).update(claimed_until=now + CLAIM_LEASE)
    if not claimed:
        return False
    delivery = Delivery.objects.select_related("document__correspondence").get(pk=delivery_id)
    recipient = identifier_decrypt(delivery.recipient_kind, delivery.identifier_encrypted)
    try:
        with EDeliveryClient() as client:
            profile = _chosen_profile(recipient, client.profiles_check(recipient.identifier))
            if profile is None:
                _record_no_profile(delivery)
                return False
            message_id = _send_document(client, delivery.document, profile.profile_id)
    except EDeliveryError as error:
        _record_failure(delivery, error)
        return False
    _record_sent(delivery, profile_id=profile.profile_id, message_id=message_id)
    return True


def delivery_check(*, delivery_id: int) -> str:
    """Read a sent message's status and record "received" and "delivered" as they come.

    Called by the periodic job and when e-Delivery's push notification names the message;
    the status API, not the notification, is what is believed. Returns the status.
    """
    delivery = Delivery.objects.select_related("document__correspondence").get(pk=delivery_id)
    if not edelivery_enabled() or delivery.status not in (
        Delivery.Status.SENT,
        Delivery.Status.RECEIVED,
    ):
        return delivery.status
    try:
        with EDeliveryClient() as client:
            status = client.message_status(delivery.message_id, profile_id=delivery.profile_id)
    except EDeliveryError as error:
        logger.warning("e-Delivery %s status not read (%s)", delivery.pk, type(error).__name__)
        _next_check(delivery, error=str(error))
        return delivery.status
    with transaction.atomic():
        # Another worker (a push and the sweep at once) may have recorded it meanwhile.
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("document__correspondence")
            .get(pk=delivery_id)
        )
        if delivery.status not in (Delivery.Status.SENT, Delivery.Status.RECEIVED):
            return delivery.status
        if delivery.status == Delivery.Status.SENT and (status.date_sent or status.date_received):
            delivery.status = Delivery.Status.RECEIVED
            delivery.received_at = status.date_sent or status.date_received
            _timeline(delivery, "EDELIVERY_RECEIVED")
        if status.date_received:
            delivery.status = Delivery.Status.DELIVERED
            delivery.delivered_at = status.date_received
            delivery.identifier_encrypted = ""  # nothing left to send or check
            _timeline(delivery, "EDELIVERY_DELIVERED")
        delivery.last_error = ""
        delivery.save()
        if delivery.status != Delivery.Status.DELIVERED:
            _next_check(delivery)
    return delivery.status


def delivery_awaits_status(*, message_id: int) -> bool:
    """Whether ``message_id`` is one of ours still waiting for "received" or "delivered"."""
    return Delivery.objects.filter(
        message_id=message_id, status__in=(Delivery.Status.SENT, Delivery.Status.RECEIVED)
    ).exists()


def delivery_check_message(*, message_id: int) -> bool:
    """A push notification named ``message_id``: check its status if it is one of ours."""
    delivery_id = (
        Delivery.objects.filter(message_id=message_id).values_list("pk", flat=True).first()
    )
    if delivery_id is None:
        return False
    delivery_check(delivery_id=delivery_id)
    return True


def deliveries_send_due(*, limit: int = 50) -> int:
    """Send every due delivery (the sweep behind the jobs); returns how many went."""
    if not edelivery_enabled():
        return 0
    due = _due_to_send(timezone.now()).order_by("next_attempt_at", "pk")
    return sum(delivery_send(delivery_id=pk) for pk in due.values_list("pk", flat=True)[:limit])


def deliveries_check_due(*, limit: int = 50) -> int:
    """Check the status of sent messages that are due; returns how many were checked."""
    if not edelivery_enabled():
        return 0
    now = timezone.now()
    due = Delivery.objects.filter(
        status__in=(Delivery.Status.SENT, Delivery.Status.RECEIVED),
        next_attempt_at__lte=now,
        sent_at__gte=now - timedelta(days=settings.EDELIVERY_WATCH_DAYS),
    ).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    for pk in ids:
        delivery_check(delivery_id=pk)
    return len(ids)


def delivery_retry(*, delivery: Delivery) -> None:
    """Make a failed or pending delivery due now (staff's "retry now")."""
    with transaction.atomic():
        Delivery.objects.filter(
            pk=delivery.pk, status__in=(Delivery.Status.PENDING, Delivery.Status.FAILED)
        ).exclude(identifier_encrypted="").update(
            status=Delivery.Status.PENDING, next_attempt_at=timezone.now(), claimed_until=None
        )
        _enqueue_on_commit(delivery.pk)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 1 min after the first failure, then 2, 4, … up to 6 hours."""
    return min(FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def _due_to_send(now) -> models.QuerySet[Delivery]:
    return Delivery.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now),
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=now,
    )


def _chosen_profile(recipient: Recipient, profiles: list[Profile]) -> Profile | None:
    """The recipient's own active profile in their target group (see Consent above)."""
    group = INDIVIDUAL_TARGET_GROUP if recipient.kind == PERSON else LEGAL_ENTITY_TARGET_GROUP
    for profile in profiles:
        if profile.is_activated and not profile.is_passive and profile.target_group_id == group:
            return profile
    return None


def _send_document(client: EDeliveryClient, document, profile_id: int) -> int:
    """The document's text as a file, its attached files, and a message carrying them."""
    item = document.correspondence
    with override("bg"):  # the record is Bulgarian
        subject = _("%(kind)s № %(number)s по документ %(item)s") % {
            "kind": document.get_kind_display().capitalize(),
            "number": document.number,
            "item": item.number,
        }
    blob_ids = [
        client.blob_upload(
            name=f"{document.number}.txt",
            content=document.text.encode("utf-8"),
            content_type="text/plain; charset=utf-8",
        )
    ]
    for attachment in document.attachments.all():
        with attachment.file.open("rb") as handle:
            content = handle.read()
        blob_ids.append(
            client.blob_upload(
                name=attachment.original_name,
                content=content,
                content_type=attachment.content_type,
            )
        )
    return client.message_send(
        profile_id=profile_id, subject=subject, text=document.text, blob_ids=blob_ids
    )


def _record_sent(delivery: Delivery, *, profile_id: int, message_id: int) -> None:
    now = timezone.now()
    with transaction.atomic():
        delivery.status = Delivery.Status.SENT
        delivery.profile_id = profile_id
        delivery.message_id = message_id
        delivery.sent_at = now
        delivery.attempts += 1
        delivery.last_error = ""
        delivery.claimed_until = None
        delivery.next_attempt_at = now + FIRST_CHECK_DELAY
        delivery.save()
        _timeline(delivery, "EDELIVERY_SENT", notify=True)
    logger.info("e-Delivery %s sent as message %s", delivery.pk, message_id)


def _record_no_profile(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.NO_PROFILE,
        identifier_encrypted="",
        attempts=models.F("attempts") + 1,
        claimed_until=None,
    )
    logger.info("e-Delivery %s: the recipient has no profile; e-mail only", delivery.pk)


def _record_failure(delivery: Delivery, error: EDeliveryError) -> None:
    now = timezone.now()
    attempts = delivery.attempts + 1
    gave_up = not error.retryable or attempts >= settings.EDELIVERY_MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED if gave_up else Delivery.Status.PENDING,
        attempts=attempts,
        next_attempt_at=now + retry_delay(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
        claimed_until=None,
    )
    logger.warning(
        "e-Delivery %s attempt %s failed (%s)%s",
        delivery.pk,
        attempts,
        type(error).__name__,
        "; giving up" if gave_up else "",
    )


def _next_check(delivery: Delivery, *, error: str = "") -> None:
    waited = timezone.now() - (delivery.sent_at or timezone.now())
    delay = min(max(FIRST_CHECK_DELAY, waited / 4), MAX_CHECK_DELAY)
    fields = {"next_attempt_at": timezone.now() + delay}
    if error:
        fields["last_error"] = error[:2000]
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _timeline(delivery: Delivery, kind_name: str, *, notify: bool = False) -> None:
    """The item's timeline, visible to the sender; only "sent" is e-mailed to them."""
    from obshtina.correspondence.models import CorrespondenceEvent
    from obshtina.correspondence.services.events import correspondence_event_record

    document = delivery.document
    item = document.correspondence
    names = {"kind": document.get_kind_display(), "number": document.number}
    with override("bg"):  # the record is Bulgarian; the e-mail around it is translated
        messages = {
            "EDELIVERY_SENT": _(
                "Документ № %(number)s (%(kind)s) е изпратен и до профила ви в системата за "
                "сигурно електронно връчване (е-Връчване)."
            ),
            "EDELIVERY_RECEIVED": _(
                "Документ № %(number)s (%(kind)s) е получен в профила на получателя в е-Връчване."
            ),
            "EDELIVERY_DELIVERED": _(
                "Документ № %(number)s (%(kind)s) е връчен през е-Връчване: получателят го отвори."
            ),
        }
        message = messages[kind_name] % names
    correspondence_event_record(
        item=item,
        kind=getattr(CorrespondenceEvent.Kind, kind_name),
        message=message,
        notify=notify,
    )


def _enqueue_on_commit(delivery_id: int) -> None:
    from .tasks import send_delivery  # tasks import this module

    # robust: a failed enqueue must not fail the registering request; the sweep sends it.
    transaction.on_commit(lambda: send_delivery.enqueue(delivery_id), robust=True)
