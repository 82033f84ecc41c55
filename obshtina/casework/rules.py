"""Rules every kind's services check the same way before changing an item."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from obshtina.organization.permissions import can_manage_item


def locked_for_change(item: models.Model, actor, *, related: tuple[str, ...] = ()):
    """The item's row, locked for the caller's transaction, once the actor may manage
    it. ``related`` only for foreign keys that cannot be empty: PostgreSQL cannot
    lock the nullable side of an outer join."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    return type(item).objects.select_for_update().select_related(*related).get(pk=item.pk)


def transition_check(
    *,
    old: str,
    new: str,
    transitions: dict[str, tuple | frozenset | set | list],
    statuses: type[models.TextChoices],
    refusal: str,
    error: type[ValidationError],
) -> None:
    """Refuse a status move the kind's flow does not allow, naming both statuses:
    ``refusal`` has ``%(old)s`` and ``%(new)s``."""
    if new in transitions.get(old, ()):
        return
    labels = dict(statuses.choices)
    raise error({"status": refusal % {"old": labels.get(old, old), "new": labels.get(new, new)}})
