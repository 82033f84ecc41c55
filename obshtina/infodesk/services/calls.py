"""The contact centre's call log."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CallLog


def call_log_record(
    *,
    operator,
    topic: str,
    outcome: str,
    started_at: datetime | None = None,
    caller_name: str = "",
    caller_phone: str = "",
    caller_email: str = "",
    notes: str = "",
    linked_numbers: Iterable[str] = (),
) -> CallLog:
    """Record one call as the operator took it; `linked_numbers` are the registry
    numbers of what was registered or looked up during the call."""
    topic = topic.strip()
    if not topic:
        raise ValidationError({"topic": _("Въведете темата на обаждането.")})
    if outcome not in CallLog.Outcome.values:
        raise ValidationError({"outcome": _("Изберете резултат от обаждането.")})
    numbers = list(dict.fromkeys(n.strip() for n in linked_numbers if n and n.strip()))
    with transaction.atomic():
        return CallLog.objects.create(
            operator=operator if getattr(operator, "pk", None) else None,
            started_at=started_at or timezone.now(),
            caller_name=caller_name.strip(),
            caller_phone=caller_phone.strip(),
            caller_email=caller_email.strip(),
            topic=topic,
            outcome=outcome,
            notes=notes.strip(),
            linked_numbers=numbers,
        )
