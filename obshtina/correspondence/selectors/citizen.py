"""The citizen's side: their own documents, an item's page and its files.

Every read of a single item goes through ``can_view_item``; a caller that gets
``None`` answers 404, so nobody learns whether a number exists.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from obshtina.accounts.sections import FiledItem, filed_items_url
from obshtina.organization.permissions import can_manage_item, can_view_item, viewable_items
from obshtina.registry.selectors import registry_code_of

from ..models import Attachment, Correspondence, CorrespondenceEvent, OutgoingDocument


def documents_of_author(user) -> QuerySet[Correspondence]:
    """The documents the user filed, newest first."""
    return (
        Correspondence.objects.filter(author=user)
        .only("number", "registered_at", "kind", "subject", "status", "due_at", "closed_at")
        .order_by("-registered_at", "-pk")
    )


def my_filed_documents(user) -> list[FiledItem]:
    """The user's letters, complaints, proposals and ЗДОИ requests in "Моите"."""
    return [
        FiledItem(
            kind=str(item.get_kind_display()),
            number=item.number,
            subject=item.subject,
            filed_at=item.registered_at,
            status=str(item.get_status_display()),
            status_code=item.status,
            url=item.get_absolute_url(),
            next_date=item.due_at if item.due_at and not item.closed_at else None,
            next_label=str(_("срок")) if item.due_at and not item.closed_at else "",
        )
        for item in documents_of_author(user)
    ]


def document_of_citizen(*, number: str, citizen) -> Correspondence | None:
    """The document with this registry number if ``citizen`` filed it (a meeting's
    official may then read it for the meeting); None otherwise or for no citizen."""
    if citizen is None or not number:
        return None
    code = registry_code_of(number)
    if code is None:
        return None
    return (
        Correspondence.objects.filter(number=code, author=citizen)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(outgoing__isnull=True).order_by("pk"),
                to_attr="filed_files",
            )
        )
        .first()
    )


def documents_viewable_by(user) -> QuerySet[Correspondence]:
    """Every document ``user`` may open (``can_view_item`` as a query)."""
    return viewable_items(user, Correspondence.objects.all())


def outgoing_documents_viewable_by(user) -> QuerySet[OutgoingDocument]:
    """The answers and decisions of the documents ``user`` may open."""
    return OutgoingDocument.objects.filter(correspondence__in=documents_viewable_by(user))


def document_for_viewer(*, user, number: str) -> Correspondence | None:
    """The item with this number if the user may see it, else None."""
    item = (
        Correspondence.objects.select_related("author", "unit", "addressee", "access_request")
        .filter(number=number)
        .first()
    )
    if item is None or not can_view_item(user, item):
        return None
    return item


def attachment_for_viewer(*, user, number: str, pk: int) -> Attachment | None:
    """A file of the item (filed with it or with an outgoing document), if the
    user may see the item."""
    item = document_for_viewer(user=user, number=number)
    if item is None:
        return None
    return Attachment.objects.filter(correspondence=item, pk=pk).first()


def sees_internal_history(user, item: Correspondence) -> bool:
    """Staff who may see the item also see its internal events; its author alone does not."""
    return item.author_id != user.pk or can_manage_item(user, item)


def document_page_parts(*, item: Correspondence, include_internal: bool) -> dict:
    """What the item's page shows below its facts: the sender's files, the
    outgoing documents with theirs, and the timeline."""
    events = item.events.select_related("outgoing").order_by("created_at", "pk")
    if not include_internal:
        events = events.filter(visible_to_sender=True)
    outgoing = item.outgoing_documents.prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "pk"))
    ).order_by("created_at", "pk")
    status_labels = dict(Correspondence.Status.choices)
    events = list(events)
    for event in events:
        event.to_status_label = status_labels.get(event.to_status, "")
    return {
        "attachments": list(item.attachments.filter(outgoing__isnull=True)),
        "outgoing_documents": list(outgoing),
        "events": events,
    }


def my_correspondence_section(user) -> dict:
    """The "Моите писма и заявления" card of "Моят профил"."""
    return {
        "title": _("Моите писма и заявления"),
        "url": filed_items_url("correspondence"),
        "count": Correspondence.objects.filter(author=user).count(),
        "empty": _("Все още няма писма и заявления."),
    }


def my_correspondence_export(user) -> list[dict]:
    """The user's documents in their personal-data export: what they filed and
    what the municipality answered (internal notes are not theirs to export)."""
    items = (
        Correspondence.objects.filter(author=user)
        .select_related("access_request")
        .prefetch_related(
            Prefetch("outgoing_documents", queryset=OutgoingDocument.objects.order_by("pk")),
            Prefetch(
                "events",
                queryset=CorrespondenceEvent.objects.filter(visible_to_sender=True).order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .order_by("registered_at", "pk")
    )
    return [_export_item(item) for item in items]


def _export_item(item: Correspondence) -> dict:
    data = {
        "number": item.number,
        "registered_at": item.registered_at.isoformat(),
        "kind": item.kind,
        "status": item.status,
        "due_at": item.due_at.isoformat() if item.due_at else None,
        "subject": item.subject,
        "text": item.text,
        "sender": {
            "type": item.sender_type,
            "name": item.sender_name,
            "email": item.sender_email,
            "phone": item.sender_phone,
            "address": item.sender_address,
        },
        "organisation": {
            "name": item.organisation_name,
            "eik": item.organisation_eik,
            "address": item.organisation_address,
            "role": item.organisation_role,
        },
        "outgoing_documents": [
            {
                "number": document.number,
                "kind": document.kind,
                "created_at": document.created_at.isoformat(),
                "text": document.text,
            }
            for document in item.outgoing_documents.all()
        ],
        "events": [
            {"kind": event.kind, "created_at": event.created_at.isoformat(), "to": event.to_status}
            for event in item.events.all()
        ],
    }
    if item.is_access_request and hasattr(item, "access_request"):
        data["access_request"] = {
            "information_description": item.access_request.information_description,
            "access_form": item.access_request.access_form,
        }
    return data
