"""Assigning an item to an official of its unit, and undoing it: once, for every kind.

A kind passes its ``Assignment``: its error class, its words and how it tells the
assignee; the event goes into the item's own timeline as an internal one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from obshtina.organization.selectors import unit_members

from .rules import locked_for_change
from .timeline import in_bulgarian, internal_event_record
from .workspace import person_name

ASSIGNED = "assigned"
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class Assignment:
    error: type[ValidationError]
    outside_unit: str  # "Сигналът може да се възложи само на служител от звеното."
    not_assigned: str  # "Сигналът не е възложен на никого."
    # tell(item, assignee, actor): inside the transaction, when it was assigned.
    tell: Callable[..., object] | None = None
    no_unit: str = ""  # for kinds whose items may wait without a unit
    already_assigned: str = ""
    related: tuple[str, ...] = ()


def item_assign(item, *, actor, assignee, rules: Assignment):
    """Give the item to ``assignee``, an active member of its unit. Call it inside a
    transaction; returns the locked, changed row."""
    locked = locked_for_change(item, actor, related=rules.related)
    if locked.unit_id is None:
        raise rules.error({"assignee": rules.no_unit or rules.outside_unit})
    if not unit_members(locked.unit).filter(pk=assignee.pk).exists():
        raise rules.error({"assignee": rules.outside_unit})
    if rules.already_assigned and locked.assigned_to_id == assignee.pk:
        raise rules.error({"assignee": rules.already_assigned})
    locked.assigned_to = assignee
    locked.save(update_fields=["assigned_to", "updated_at"])
    internal_event_record(
        locked,
        kind=ASSIGNED,
        actor=actor,
        note=in_bulgarian("Възложено на %(name)s.", name=person_name(assignee)),
        data={"assignee_id": assignee.pk},
    )
    if rules.tell is not None:
        rules.tell(locked, assignee, actor)
    return locked


def item_unassign(item, *, actor, rules: Assignment):
    """Take the item back from its official: it waits for the whole unit again."""
    locked = locked_for_change(item, actor, related=rules.related)
    assignee = locked.assigned_to
    if assignee is None:
        raise rules.error(rules.not_assigned)
    locked.assigned_to = None
    locked.save(update_fields=["assigned_to", "updated_at"])
    internal_event_record(
        locked,
        kind=UNASSIGNED,
        actor=actor,
        note=in_bulgarian("Възлагането на %(name)s е премахнато.", name=person_name(assignee)),
        data={"assignee_id": assignee.pk},
    )
    return locked
