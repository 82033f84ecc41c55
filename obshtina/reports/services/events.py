"""The timeline: one event row per change, in the same transaction as the change."""

from django.db import transaction

from ..models import Report, ReportEvent


def report_event_record(
    *,
    report: Report,
    kind: str,
    actor=None,
    from_status: str = "",
    to_status: str = "",
    public_message: str = "",
    internal_note: str = "",
    is_public: bool = True,
    data: dict | None = None,
    notify: bool = True,
) -> ReportEvent:
    """Store the event; a public one notifies the submitter and the subscribers.

    Call it inside the transaction of the change: the notifications are written
    to the outbox in that transaction too.
    """
    from . import notify as notify_module  # notify renders links to views

    with transaction.atomic(savepoint=False):  # no recovery inside: no savepoint
        event = ReportEvent.objects.create(
            report=report,
            kind=kind,
            actor=actor if getattr(actor, "pk", None) else None,
            from_status=from_status,
            to_status=to_status,
            public_message=public_message,
            internal_note=internal_note,
            is_public=is_public,
            data=data or {},
        )
        if is_public and notify:
            notify_module.report_changed(report=report, event=event)
    return event
