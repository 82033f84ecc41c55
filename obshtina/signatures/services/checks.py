"""Checking the signatures of filed files, after filing, in the background."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from obshtina.core.jobs import enqueue_with_change
from obshtina.correspondence.models import Attachment

from ..models import AttachmentSignature, SignatureCheck
from . import validation

logger = logging.getLogger(__name__)

CMS_SUFFIXES = (".p7s", ".p7m")


def attachments_check_on_commit(*, attachments) -> None:
    """Queue the signature check of `attachments` once the filing commits (nothing
    when SIGNATURES_ENABLED is off), so filing stays fast."""
    if not settings.SIGNATURES_ENABLED:
        return
    ids = [attachment.pk for attachment in attachments]
    if not ids:
        return
    for attachment_id in ids:
        SignatureCheck.objects.update_or_create(
            attachment_id=attachment_id,
            defaults={"state": SignatureCheck.State.PENDING, "checked_at": None},
        )
    from ..tasks import check_attachment_signatures

    for attachment_id in ids:  # queued with the change: a crash after it loses no check
        enqueue_with_change(check_attachment_signatures, attachment_id)


def _read(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def _findings(attachment: Attachment, data: bytes) -> list[validation.SignatureFinding]:
    name = attachment.original_name.lower()
    if data.startswith(b"%PDF-"):
        return validation.pdf_signatures(data)
    signed = validation.cms_signed_data(data)
    if signed is not None:
        if validation.cms_is_enveloping(signed):
            return validation.cms_signatures(data)
        return _detached(attachment, data, name)
    if validation.xml_is_signed(data):
        return validation.xml_signatures(data)
    return []


def _detached(attachment: Attachment, data: bytes, name: str):
    """A detached .p7s signs another file of the same item: the one of its name
    without the suffix, else whichever the signature holds for."""
    siblings = list(
        Attachment.objects.filter(
            correspondence_id=attachment.correspondence_id, outgoing_id=attachment.outgoing_id
        ).exclude(pk=attachment.pk)
    )
    stem = name.removesuffix(".p7s").removesuffix(".p7m")
    siblings.sort(key=lambda sibling: sibling.original_name.lower() != stem)
    findings = []
    for sibling in siblings:
        findings = validation.cms_signatures(data, content=_read(sibling))
        if findings and findings[0].intact:
            return findings
    if findings:
        return findings
    return validation.cms_signatures(data, content=b"")


def attachment_signatures_check(*, attachment_id: int) -> list[AttachmentSignature]:
    """Look for the signatures of a filed file and keep what they say, replacing an
    earlier check's result."""
    attachment = Attachment.objects.select_related("correspondence").get(pk=attachment_id)
    check, _ = SignatureCheck.objects.get_or_create(attachment=attachment)
    try:
        findings = _findings(attachment, _read(attachment))
    except Exception:
        logger.exception("Checking the signatures of attachment %s failed", attachment_id)
        check.state, check.checked_at = SignatureCheck.State.FAILED, timezone.now()
        check.save(update_fields=["state", "checked_at"])
        raise
    with transaction.atomic():
        attachment.signatures.all().delete()
        kept = AttachmentSignature.objects.bulk_create(
            AttachmentSignature(
                attachment=attachment,
                format=finding.format,
                signer_name=finding.signer_name[:200],
                intact=finding.intact,
                verdict=finding.verdict,
                qualified=finding.qualified,
                signed_at=finding.signed_at,
                timestamped_at=finding.timestamped_at,
                detail=finding.detail[:200],
            )
            for finding in findings
        )
        check.state, check.checked_at = SignatureCheck.State.DONE, timezone.now()
        check.save(update_fields=["state", "checked_at"])
    return kept


def attachment_signatures_recheck(*, attachment: Attachment) -> None:
    """Staff's "check again" (e.g. after the trusted lists were refreshed)."""
    with transaction.atomic():
        attachments_check_on_commit(attachments=[attachment])
