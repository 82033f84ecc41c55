"""Outgoing documents: registered with their own number, attached to the item, sent."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from obshtina.edelivery.services import delivery_plan
from obshtina.organization.permissions import can_manage_item
from obshtina.registry.services import registry_number_assign

from ..models import Correspondence, CorrespondenceEvent, OutgoingDocument
from .errors import CorrespondenceError
from .events import correspondence_event_record
from .filing import attachment_store


def outgoing_document_register(
    *,
    item: Correspondence,
    actor,
    kind: str,
    text: str,
    files: Sequence[tuple[UploadedFile, str]] = (),
    details: dict | None = None,
    to_status: str | None = None,
    message: str = "",
    sign_pdfs: bool = False,
) -> OutgoingDocument:
    """Register an answer, notice or decision; optionally change the item's status.

    The sender is e-mailed (number, kind, link) and sees the document and its
    files on their page. The caller (e.g. the access-to-information procedure)
    sets due dates before or after, in the same transaction. With `sign_pdfs` the
    PDF files are first signed with the official's qualified signature (КЕП) and
    stored signed, in place of the unsigned ones. With the e-Delivery connector on, the
    document also goes to the recipient's e-Delivery profile, if they have one
    (obshtina.edelivery).
    """
    if not can_manage_item(actor, item):
        raise PermissionDenied
    if sign_pdfs:
        files = outgoing_files_signed(files, item=item)
    with transaction.atomic():
        locked = Correspondence.objects.select_for_update().get(pk=item.pk)
        document = OutgoingDocument.objects.create(
            correspondence=locked,
            kind=kind,
            text=text.strip(),
            details=details or {},
            created_by=actor,
        )
        for upload, content_type in files:
            attachment_store(
                item=locked, upload=upload, content_type=content_type, user=actor, outgoing=document
            )
        # After the files, before the status change and the e-mail that show it:
        # the series' counter stays locked from here to the commit.
        registry_number_assign(item=document, series="outgoing")
        from_status = locked.status
        if to_status and to_status != from_status:
            locked.status = to_status
            if to_status == Correspondence.Status.CLOSED:
                locked.closed_at = timezone.now()
            locked.save()
        item.refresh_from_db()
        correspondence_event_record(
            item=item,
            kind=CorrespondenceEvent.Kind.OUTGOING,
            actor=actor,
            from_status=from_status,
            to_status=item.status,
            message=message or text.strip(),
            outgoing=document,
        )
        delivery_plan(document=document)
    return document


def outgoing_files_signed(files, *, item: Correspondence):
    """The files with each PDF signed by the official's КЕП (SIGNATURES_SIGNING_BACKEND);
    a refusal of the token or the service is the form's error on the files."""
    from obshtina.signatures.services.signing import SigningError, uploads_signed

    try:
        return uploads_signed(files, reason=f"{item.number}")
    except SigningError as error:
        raise CorrespondenceError({"files": error.message}) from error
