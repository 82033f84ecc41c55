"""Recording and pruning who looked at personal data (see ``models.AccessRecord``)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, override

from obshtina.core.clients import client_address
from obshtina.organization.models import Role

from .models import AccessRecord

ItemKind = AccessRecord.ItemKind
# Items that carry no ``kind`` of their own.
KIND_BY_MODEL = {
    "infodesk.calllog": ItemKind.CALL,
    "notifications.notification": ItemKind.NOTIFICATION,
}
PRUNE_BATCH = 5000


def access_record(
    request,
    *items: models.Model,
    what: str = AccessRecord.What.ITEM,
    how: str = AccessRecord.How.PAGE,
    file_name: str = "",
) -> int:
    """Record that ``request.user`` saw the personal data of ``items`` now.

    ``items`` are reports, questions, letters, appointments, calls, sent messages
    or citizens' accounts (for "their contact data"). A citizen looking at their
    own item is not recorded; neither is anything an anonymous visitor gets (the
    pages that show personal data never serve them). Returns how many rows were
    written. Nothing is logged: the record itself holds personal data.
    """
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return 0
    viewer = _viewer(user)
    address = client_address(request)[:64]
    records = [
        AccessRecord(
            **viewer,
            what=what,
            how=how,
            item_kind=_kind(item),
            registry_number=str(getattr(item, "number", "") or "")[:32],
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            file_name=file_name[:200],
            citizen=_citizen(item),
            client_address=address,
        )
        for item in items
        if item is not None and not _is_own(item, user)
    ]
    AccessRecord.objects.bulk_create(records)
    return len(records)


def _viewer(user) -> dict:
    return {
        "staff": user,
        "staff_name": (user.get_full_name() or user.email)[:300],
        "staff_email": user.email[:254],
        "staff_roles": staff_description(user)[:500],
    }


def staff_description(user) -> str:
    """The user's roles and units as they are now, in Bulgarian: what the record
    keeps to say in which capacity someone looked."""
    codes = set(user.staff_roles.values_list("role", flat=True))
    if user.is_superuser:
        codes.add(Role.ADMINISTRATOR)
    with override("bg"):
        parts = [str(label) for code, label in Role.choices if code in codes]
        memberships = user.memberships.values_list("is_head", "unit__name").order_by("unit__name")
        for is_head, unit in memberships:
            capacity = gettext("ръководител") if is_head else gettext("служител")
            parts.append(f"{capacity}, {unit}")
    return "; ".join(parts)


def _kind(item: models.Model) -> str:
    if isinstance(item, get_user_model()):
        return ItemKind.ACCOUNT
    kind = getattr(item, "kind", "")
    if kind in ItemKind.values:
        return kind
    return KIND_BY_MODEL.get(item._meta.label_lower, ItemKind.OTHER)


def _citizen(item: models.Model):
    """The registered citizen whose data the item holds, if any."""
    if isinstance(item, get_user_model()):
        return item
    for field in ("author", "user"):
        person = getattr(item, field, None)
        if isinstance(person, get_user_model()):
            return person
    return None


def _is_own(item: models.Model, user) -> bool:
    citizen = _citizen(item)
    return citizen is not None and citizen.pk == user.pk


def access_records_prune(*, now=None, progress=None) -> int:
    """Delete the records older than ``ACCESS_RECORD_RETENTION_DAYS``, in batches
    (``progress(deleted_so_far, total)`` after each); returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_RECORD_RETENTION_DAYS)
    expired = AccessRecord.objects.filter(accessed_at__lt=cutoff)
    total = expired.count()
    deleted = 0
    while deleted < total:
        batch = list(expired.order_by("pk").values_list("pk", flat=True)[:PRUNE_BATCH])
        if not batch:
            break
        deleted += AccessRecord.objects.filter(pk__in=batch).delete()[0]
        if progress:
            progress(deleted, total)
    return deleted
