"""Changes on the citizen's side beyond filing: forgetting a deleted account's data."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Correspondence, CorrespondenceEvent
from .events import correspondence_event_record


def correspondence_forget_sender(user) -> int:
    """A deleted account's documents stay in the register, without the sender's data.

    The number, dates, kind, text and the municipality's answers stay (they are
    the municipality's records); the sender's name, contacts, address and role
    in an organisation go. Each item records an internal event, so staff see why
    the sender's data are blank. Returns the number of items.
    """
    with transaction.atomic():
        items = list(Correspondence.objects.select_for_update().filter(author=user))
        for item in items:
            Correspondence.objects.filter(pk=item.pk).update(
                sender_name="",
                sender_email="",
                sender_phone="",
                sender_address="",
                organisation_role="",
            )
            correspondence_event_record(
                item=item,
                kind=CorrespondenceEvent.Kind.NOTE,
                internal_note=_("Подателят изтри профила си; данните му за контакт са заличени."),
                visible_to_sender=False,
                notify=False,
            )
    return len(items)
