"""Telling officers that a document reached them (see ``notifications.officials``):
its number, kind, subject, unit, deadline and the desk's link — never the sender's data."""

from collections.abc import Iterable

from django.urls import reverse

from obshtina.notifications.officials import NoticeFacts, official_notify
from obshtina.organization.selectors import site_url

from ..models import Correspondence


def manage_url(item: Correspondence) -> str:
    return site_url() + reverse("correspondence:manage", kwargs={"number": item.number})


def correspondence_work_item(item: Correspondence) -> NoticeFacts:
    return NoticeFacts(
        about=item,
        number=item.number,
        kind=Correspondence.Kind(item.kind).label,
        title=item.subject,
        unit=item.unit.name if item.unit else "",
        due_at=item.due_at,
        url=manage_url(item),
    )


def correspondence_officials_notify(
    *, item: Correspondence, reason: str, officials: Iterable, actor=None
) -> int:
    """Tell `officials` (inside the change's transaction) that `item` reached them."""
    return official_notify(
        officials=officials, reason=reason, item=correspondence_work_item(item), actor=actor
    )
