"""ЗДОИ requests received in the municipality's e-Delivery profile, registered once.

Which messages are ours. The inbox list shows a message's subject and sender without
opening it; opening (the only way to its text and files) tells the sender it was
delivered. So the choice is made on the list alone, and only chosen messages are opened:
a message is a ЗДОИ request when its subject carries a platform number
(``platform_number_in``), or the phrase "заявление за достъп до обществена
информация", or its sender profile is one of ``EDELIVERY_INBOX_PLATFORM_SENDERS`` (the
national platform's). Every other message stays unopened in the profile for the
registry, as before.

Once, in this order. For a chosen message that has no ``ReceivedMessage`` row yet:
open it and download its files (nothing is written yet: a failure here leaves it for
the next sweep); then, in one transaction, insert its row (unique per municipality)
and register it through ``access_request_deliver`` with its files as attachments.
e-Delivery gives the content only by opening, so the open comes first; opening again
gives the same content, so a sweep that dies after the open and before the commit is
simply done again by the next one, and a second sweep running at the same time fails
on the row's unique constraint and rolls its registration back.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from obshtina.correspondence.services.errors import CorrespondenceError
from obshtina.organization.hosts import serving
from obshtina.organization.models import Municipality

from .client import EDeliveryClient, EDeliveryError, InboxRow, OpenedMessage
from .models import ReceivedMessage
from .services import edelivery_enabled

logger = logging.getLogger(__name__)

PAGE = 50
MAX_PAGES = 40  # 2,000 messages a sweep at most; the rest waits for the next one
ACCESS_PHRASE = re.compile(r"заявление\s+за\s+достъп\s+до\s+обществена\s+информация", re.I)


def inbox_enabled() -> bool:
    return edelivery_enabled() and bool(settings.ACCESS_PLATFORM)


def inbox_municipality() -> Municipality | None:
    """The municipality whose e-Delivery profile the connector's certificate reads."""
    if settings.EDELIVERY_INBOX_MUNICIPALITY:
        return Municipality.objects.filter(slug=settings.EDELIVERY_INBOX_MUNICIPALITY).first()
    from obshtina.organization.selectors import current_municipality

    return current_municipality()  # the first one


def is_access_request(row: InboxRow) -> bool:
    """Decided on the inbox list, before opening (see the module's text)."""
    from obshtina.correspondence.services.platform import platform_number_in

    return bool(
        platform_number_in(row.subject)
        or ACCESS_PHRASE.search(row.subject)
        or row.sender_profile_name.strip() in settings.EDELIVERY_INBOX_PLATFORM_SENDERS
    )


def inbox_read() -> int:
    """Read the inbox once and register the new ЗДОИ requests; returns how many
    messages were registered (new items and further arrivals)."""
    if not inbox_enabled():
        return 0
    municipality = inbox_municipality()
    if municipality is None:
        logger.warning(
            "e-Delivery inbox: no municipality %r", settings.EDELIVERY_INBOX_MUNICIPALITY
        )
        return 0
    with serving(municipality):
        try:
            with EDeliveryClient() as client:
                return _read(client)
        except EDeliveryError as error:
            logger.warning("e-Delivery inbox not read (%s)", type(error).__name__)
            return 0


def _read(client: EDeliveryClient) -> int:
    since = timezone.localdate() - timedelta(days=settings.EDELIVERY_INBOX_DAYS)
    done = 0
    for page in range(MAX_PAGES):
        rows, total = client.inbox(since=since, offset=page * PAGE, limit=PAGE)
        ours = [row for row in rows if is_access_request(row)]
        known = set(
            ReceivedMessage.objects.filter(
                message_id__in=[row.message_id for row in ours]
            ).values_list("message_id", flat=True)
        )
        for row in ours:
            if row.message_id in known:
                continue
            try:
                done += _register(client, row)
            except (EDeliveryError, CorrespondenceError) as error:  # waits for the next sweep
                logger.warning(
                    "e-Delivery message %s not registered (%s)",
                    row.message_id,
                    type(error).__name__,
                )
        if not rows or (page + 1) * PAGE >= total:
            break
    return done


def _register(client: EDeliveryClient, row: InboxRow) -> int:
    opened = client.message_open(row.message_id)
    files = [
        (received.name, client.file_download(received))
        for received in opened.files
        if not received.is_malicious
    ]
    refused = [received.name for received in opened.files if received.is_malicious]
    try:
        with transaction.atomic():
            ReceivedMessage.objects.create(message_id=row.message_id)
            registration = _deliver(opened, row)
            if registration.created:
                refused += _store_files(registration.item, files)
                _note(registration, refused)
            ReceivedMessage.objects.filter(message_id=row.message_id).update(
                correspondence=registration.item, created_item=registration.created
            )
    except IntegrityError:
        if ReceivedMessage.objects.filter(message_id=row.message_id).exists():
            return 0  # another sweep registered it meanwhile
        raise
    logger.info(
        "e-Delivery message %s registered as %s (%s)",
        row.message_id,
        registration.item.number,
        "new" if registration.created else "another arrival",
    )
    return 1


def _deliver(opened: OpenedMessage, row: InboxRow):
    from obshtina.correspondence.models import AccessRequest
    from obshtina.correspondence.services.platform import (
        ArrivalRoute,
        access_request_deliver,
        platform_number_in,
    )

    subject = (opened.subject or row.subject).strip()
    text = "\n\n".join(opened.texts).strip()
    with override("bg"):  # the record is Bulgarian
        fallback_name = _("Подател в е-Връчване")
        fallback_subject = _("Заявление за достъп до обществена информация")
    return access_request_deliver(
        route=ArrivalRoute.EDELIVERY,
        platform_number=platform_number_in(f"{subject}\n{text}") or "",
        subject=(subject or fallback_subject)[:300],
        text=text or subject or fallback_subject,
        information_description=text or subject or fallback_subject,
        access_form=AccessRequest.AccessForm.ELECTRONIC,
        sender_name=(opened.sender_name or row.sender_profile_name or fallback_name)[:200],
        addressee=None,
    )


def _store_files(item, files: list[tuple[str, bytes]]) -> list[str]:
    """Each acceptable file as the item's attachment (its signatures are checked after
    the commit); returns the names of those refused."""
    from obshtina.core.uploads import clean_document
    from obshtina.correspondence.services.filing import attachment_store

    refused = []
    for name, content in files:
        upload = ContentFile(content, name=name)
        try:
            upload, content_type = clean_document(upload)
        except ValidationError:
            refused.append(name)
            continue
        attachment_store(item=item, upload=upload, content_type=content_type)
    return refused


def _note(registration, refused: list[str]) -> None:
    """A staff-only note: similar recent requests, and files that were not taken."""
    from obshtina.casework.timeline import in_bulgarian
    from obshtina.correspondence.models import CorrespondenceEvent
    from obshtina.correspondence.services.events import correspondence_event_record

    lines = []
    if registration.similar:
        lines.append(
            in_bulgarian(
                gettext_lazy("Възможно повторение на заявление %(numbers)s."),
                numbers=", ".join(item.number for item in registration.similar),
            )
        )
    if refused:
        lines.append(
            in_bulgarian(
                gettext_lazy("Файлове от съобщението, които не са приети: %(names)s."),
                names=", ".join(refused),
            )
        )
    if not lines:
        return
    correspondence_event_record(
        item=registration.item,
        kind=CorrespondenceEvent.Kind.NOTE,
        actor=None,
        message="",
        internal_note=" ".join(lines),
        data={"similar": [item.number for item in registration.similar]},
        visible_to_sender=False,
        notify=False,
    )
