"""An item's history, the same for every kind (ARCHITECTURE.md, rule 6): an event
row is written with ``event_record`` and read by staff as ``TimelineEntry`` values,
which the staff pages render with ``casework/_timeline.html``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from .rules import locked_for_change
from .workspace import person_name

NOTE = "note"  # every kind's internal note


def in_bulgarian(message, **params) -> str:
    """Timeline texts are recorded once, in Bulgarian, as the citizen and the registry
    read them, whatever the official's interface language (``message`` plain or lazy)."""
    with override("bg"):
        text = gettext(message) if isinstance(message, str) else str(message)
        return text % {key: str(value) for key, value in params.items()} if params else text


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str  # what happened: "регистриран", "възложен"…
    actor_name: str = ""
    from_status: str = ""  # the statuses' labels, when the status changed
    to_status: str = ""
    message: str = ""  # what the citizen was told (or the event's own text)
    internal_note: str = ""
    is_internal: bool = False  # staff only: the citizen never sees it
    reference: str = ""  # e.g. the outgoing document it registered
    details_label: str = ""  # a folded part: an earlier text, the answer sent
    details: str = ""

    @property
    def status_changed(self) -> bool:
        return bool(self.to_status) and self.from_status != self.to_status


def timeline_entry(
    event,
    *,
    statuses: dict[str, str],
    message: str,
    is_internal: bool,
    at: datetime | None = None,
    label: str = "",
    **extra,
) -> TimelineEntry:
    """The entry of one event row with ``actor``, ``from_status`` and ``to_status``;
    ``statuses`` maps the item's status codes to their labels."""
    return TimelineEntry(
        at=at or event.created_at,
        label=label or str(event.get_kind_display()),
        actor_name=person_name(event.actor) if event.actor_id else "",
        from_status=str(statuses.get(event.from_status, event.from_status)),
        to_status=str(statuses.get(event.to_status, event.to_status)),
        message=message,
        internal_note=getattr(event, "internal_note", ""),
        is_internal=is_internal,
        **extra,
    )


def event_record(item, *, kind: str, actor=None, data: dict | None = None, **fields):
    """Store one event of ``item``'s history as a row of its kind's event model (an
    ``items.ItemEvent``); call it in the change's transaction. An anonymous actor is
    kept as nobody."""
    model = item.events.model
    return model.objects.create(
        **{model.item_field: item},
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        data=data or {},
        **fields,
    )


def internal_event_record(item, *, kind: str, actor, note: str, data: dict | None = None):
    """An event only staff see (a note, an assignment): nobody is told of it."""
    fields = item.events.model.internal(note)
    return event_record(item, kind=kind, actor=actor, data=data, **fields)


def item_add_note(item, *, actor, note: str, error: type[ValidationError]):
    """An internal note on an item the actor manages; ``error`` is the kind's."""
    note = (note or "").strip()
    if not note:
        raise error({"note": _("Напишете бележката.")})
    with transaction.atomic():
        locked = locked_for_change(item, actor)
        return internal_event_record(locked, kind=NOTE, actor=actor, note=note)


def public_item_timeline(item, *, details_key: str = "", details_label="") -> list[TimelineEntry]:
    """Every event of an item whose events have a public part (``items.PublicItemEvent``),
    internal ones included (staff only); ``data[details_key]`` is shown folded."""
    statuses = dict(item.events.model.statuses.choices)
    return [
        timeline_entry(
            event,
            statuses=statuses,
            message=event.public_message,
            is_internal=not event.is_public,
            details_label=str(details_label) if event.data.get(details_key) else "",
            details=event.data.get(details_key, ""),
        )
        for event in item.events.select_related("actor").order_by("created_at", "pk")
    ]
