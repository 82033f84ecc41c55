"""Changes made from the workspace: assigning several items at once, whatever their kinds.

Each item is assigned by its own app's service, which checks the rules (the
assignee serves the item's unit, the actor may manage it); one refused item does
not stop the others, and each refusal comes back with its number.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .workspace import item_for_work

MAX_ITEMS_AT_ONCE = 200


@dataclass
class AssignOutcome:
    assigned: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (number or key, why)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return _("Нямате право да възлагате този документ.")


def work_assign(*, actor, keys: list[str], assignee) -> AssignOutcome:
    """Assign every item named by ``keys`` ("<source>:<number>") to ``assignee``."""
    outcome = AssignOutcome()
    for key in dict.fromkeys(keys[:MAX_ITEMS_AT_ONCE]):  # once each, in the order given
        source, item = item_for_work(key=key, user=actor)
        number = key.partition(":")[2] or key
        if item is None or source.assign is None:
            outcome.refused.append(
                (number, _("Не е намерен документ, който да можете да възложите."))
            )
            continue
        try:
            source.assign(item=item, actor=actor, assignee=assignee)
        except (ValidationError, PermissionDenied) as error:
            outcome.refused.append((number, _reason(error)))
        else:
            outcome.assigned.append(number)
    return outcome
