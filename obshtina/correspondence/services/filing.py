"""Filing a document: registry number, routing, attachments, the first timeline event."""

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.notifications.officials import Reason, official_notify_before_number
from obshtina.organization.models import Unit
from obshtina.organization.selectors import contact_centre_unit, unit_members
from obshtina.registry.services import registry_number_assign
from obshtina.signatures.services.checks import attachments_check_on_commit

from ..models import AccessRequest, Attachment, Correspondence, CorrespondenceEvent
from . import deadlines
from .errors import CorrespondenceError
from .events import correspondence_event_record
from .officials import correspondence_work_item

SERIES_BY_KIND = {Correspondence.Kind.ACCESS_REQUEST: "access_requests"}


def registry_desk_unit() -> Unit | None:
    """Where a document addressed to "don't know" waits to be routed: the registry desk
    (деловодство) if such a unit exists, else the contact centre."""
    desk = Unit.objects.filter(slug="delovodstvo", is_active=True).first()
    return desk or contact_centre_unit()


def correspondence_submit(
    *,
    author,
    kind: str,
    subject: str,
    text: str,
    sender_name: str,
    sender_email: str,
    sender_phone: str = "",
    sender_address: str = "",
    sender_type: str = Correspondence.SenderType.CITIZEN,
    addressee: Unit | None = None,
    organisation: dict | None = None,
    access: dict | None = None,
    attachments: Sequence[tuple[UploadedFile, str]] = (),
    registered_by=None,
    arrival: dict | None = None,
) -> Correspondence:
    """Register a document filed by a registered user, or by the registry desk
    (``registered_by``, with ``author=None``) for one that arrived another way
    (``arrival``: how, kept on the "registered" event).

    `attachments` are (file, content type) pairs already validated by content
    (``obshtina.core.uploads``). `access` holds the access-to-information fields
    (information_description, access_form) and is required for that kind.
    """
    if kind not in Correspondence.Kind.values:
        raise CorrespondenceError({"kind": _("Изберете вид на документа.")})
    if kind == Correspondence.Kind.ACCESS_REQUEST and not (
        access and access.get("information_description", "").strip()
    ):
        raise CorrespondenceError({"information_description": _("Опишете исканата информация.")})
    now = timezone.now()
    actor = registered_by or author
    with transaction.atomic():
        item = Correspondence.objects.create(
            kind=kind,
            registered_at=now,
            author=author,
            addressee=addressee,
            unit=addressee or registry_desk_unit(),
            subject=subject.strip(),
            text=text.strip(),
            sender_type=sender_type,
            sender_name=sender_name.strip(),
            sender_email=sender_email.strip(),
            sender_phone=sender_phone.strip(),
            sender_address=sender_address.strip(),
            **{f"organisation_{key}": value for key, value in (organisation or {}).items()},
            due_at=deadlines.initial_due_date(kind=kind, registered_on=timezone.localdate(now)),
        )
        if kind == Correspondence.Kind.ACCESS_REQUEST:
            AccessRequest.objects.create(
                correspondence=item, municipality=item.municipality, **access
            )
        for upload, content_type in attachments:
            attachment_store(item=item, upload=upload, content_type=content_type, user=author)
        # The unit's officers hear of it; rendered before the counter is locked.
        store_officials_notices = official_notify_before_number(
            officials=unit_members(item.unit),
            reason=Reason.ROUTED,
            item=item,
            work_item=correspondence_work_item,
            actor=actor,
        )
        # Last but the event, whose e-mail shows the number: the series' counter
        # stays locked from here to the commit.
        registry_number_assign(item=item, series=SERIES_BY_KIND.get(kind, "letters"), at=now)
        store_officials_notices()
        correspondence_event_record(
            item=item,
            kind=CorrespondenceEvent.Kind.REGISTERED,
            actor=actor,
            to_status=item.status,
            data=arrival or {},
        )
    return item


def attachment_store(
    *, item: Correspondence, upload: UploadedFile, content_type: str, user=None, outgoing=None
) -> Attachment:
    attachment = Attachment(
        correspondence=item,
        outgoing=outgoing,
        original_name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    # Every way a file comes in (filing, the registry desk, outgoing documents) has
    # its signatures checked, in the background once the change commits.
    attachments_check_on_commit(attachments=[attachment])
    return attachment
