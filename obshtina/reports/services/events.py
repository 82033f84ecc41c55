"""The timeline: one event row per change, in the same transaction as the change."""

from django.db import transaction

from obshtina.casework.timeline import event_record

from ..models import Report, ReportEvent


def report_event_record(*, report: Report, notify: bool = True, **fields) -> ReportEvent:
    """Store the event (``kind``, ``public_message``, ``is_public``…); a public one
    notifies the submitter and the subscribers.

    Call it inside the transaction of the change: the notifications are written
    to the outbox in that transaction too.
    """
    from . import notify as notify_module  # notify renders links to views

    with transaction.atomic(savepoint=False):  # no recovery inside: no savepoint
        event = event_record(report, **fields)
        if event.is_public and notify:
            notify_module.report_changed(report=report, event=event)
    return event
