"""The timeline: one event per change, in the change's transaction; the sender hears of
every change visible to them (the law requires it for access requests)."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from obshtina.casework.timeline import event_record
from obshtina.notifications.services import notification_queue, recipient_language
from obshtina.organization.selectors import site_url

from ..models import Correspondence, CorrespondenceEvent


def correspondence_event_record(
    *, item: Correspondence, notify: bool = True, **fields
) -> CorrespondenceEvent:
    """Store the event (``kind``, ``message``, ``visible_to_sender``, ``outgoing``…);
    one the sender sees is e-mailed to them."""
    with transaction.atomic():
        event = event_record(item, **fields)
        if event.visible_to_sender and notify and item.sender_email:
            _notify_sender(item=item, event=event)
    return event


def _notify_sender(*, item: Correspondence, event: CorrespondenceEvent) -> None:
    """The e-mail carries the number, the change and the link — the text of a
    document stays behind the login, since e-mail is not a private channel.

    It is written in the sender's language (their account's); the event's message
    inside it is the record, which stays Bulgarian."""
    language = recipient_language(item.author)
    with override(language):
        if event.kind == CorrespondenceEvent.Kind.REGISTERED:
            subject = _("Документът ви е регистриран с номер %(number)s") % {"number": item.number}
        else:
            subject = _("Ново по документ %(number)s") % {"number": item.number}
        lines = [
            _("Номер и дата: %(number)s от %(date)s")
            % {
                "number": item.number,
                "date": date_format(timezone.localtime(item.registered_at), "d.m.Y"),
            },
            _("Състояние: %(status)s") % {"status": item.get_status_display()},
        ]
        if event.outgoing:
            lines.append(
                _("Регистриран е документ: %(kind)s № %(number)s")
                % {"kind": event.outgoing.get_kind_display(), "number": event.outgoing.number}
            )
        if event.message:
            lines.append(event.message)
        if item.due_at:
            lines.append(_("Срок: %(date)s") % {"date": date_format(item.due_at, "d.m.Y")})
        action_label = _("Отворете документа")
    notification_queue(
        to_email=item.sender_email,
        template="generic",
        context={
            "subject": subject,
            "body": "\n\n".join(lines),
            # A request the registry desk registered for someone without an account
            # has no page its sender can open: the e-mail carries the number only.
            "action_url": site_url() + item.get_absolute_url() if item.author_id else "",
            "action_label": action_label,
        },
        language=language,
        user=item.author,
        about=item,
    )
