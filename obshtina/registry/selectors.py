"""Finding items by their registry number, as citizens and staff type it."""

import logging
import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.urls import reverse

from .connectors import get_connector
from .models import RegistryNumber, RegistrySeries, registry_code
from .visibility import visible_entries

logger = logging.getLogger(__name__)

# Latin letters that look like Cyrillic ones: citizens often type "C-2026-1"
# on a Latin keyboard when they mean "С-2026-1".
LATIN_LOOK_ALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
# Prefix, four-digit year, number; the dashes are optional once spaces are gone.
CODE_PATTERN = re.compile(r"^(?P<prefix>[А-Я]{1,5})-?(?P<year>\d{4})-?(?P<number>\d{1,9})$")
MAX_INPUT_LENGTH = 64


def normalize_number(text: str) -> str:
    """The registry index as stored ("С-2026-000123") for what a person typed.

    Accepts lowercase, spaces, Latin look-alike letters, other dashes and a
    number without leading zeros. Text that is not a registry index comes
    back cleaned up but otherwise unchanged.
    """
    cleaned = "".join(text.split()).upper().translate(LATIN_LOOK_ALIKES).translate(DASHES)
    match = CODE_PATTERN.match(cleaned)
    if match is None:
        return cleaned
    return registry_code(
        prefix=match["prefix"], year=int(match["year"]), number=int(match["number"])
    )


def registry_code_of(text: str) -> str | None:
    """The stored registry index for what a person typed, or None if it cannot be one."""
    if len(text) > MAX_INPUT_LENGTH:
        return None
    code = normalize_number(text)
    return code if CODE_PATTERN.match(code) else None


def registry_number_find(text: str) -> RegistryNumber | None:
    code = registry_code_of(text)
    if code is None:
        return None
    return RegistryNumber.objects.select_related("series", "content_type").filter(code=code).first()


def registry_numbers_visible_to(user) -> QuerySet[RegistryNumber]:
    """The register as ``user`` may see it: no entry of a private item they may not open."""
    return RegistryNumber.objects.filter(visible_entries(user))


def registry_number_for_viewer(text: str, *, user) -> RegistryNumber | None:
    """``registry_number_find`` for a staff member: None also for an entry whose
    item they may not open, so its number, date and subject stay unknown to them."""
    registry_number = registry_number_find(text)
    if registry_number is None:
        return None
    if not registry_numbers_visible_to(user).filter(pk=registry_number.pk).exists():
        return None
    return registry_number


def item_for_number(text: str) -> Model | None:
    """The item a registry number was given to, or None (unknown or not linked yet)."""
    registry_number = registry_number_find(text)
    return registry_number.item if registry_number else None


def item_url_for_number(number: str, *, user) -> str | None:
    """Where "track by number" should take `user`, or None if it may not go anywhere.

    The item decides who may see it through `is_visible_to(user)` (public
    items such as reports and questions say yes to everyone); an item without
    that method is for staff only. Staff are taken to the registry entry when
    the item has no page of its own or is not linked yet.
    """
    registry_number = registry_number_find(number)
    if registry_number is None:
        return None
    return item_url_for_registry_number(registry_number, user=user)


def item_url_for_registry_number(registry_number: RegistryNumber, *, user) -> str | None:
    """``item_url_for_number`` for an entry already found (no second look-up)."""
    item = registry_number.item
    if item is not None:
        is_visible_to = getattr(item, "is_visible_to", None)
        visible = is_visible_to(user) if is_visible_to else user.is_staff
        url = registry_number.item_url()
        if visible and url:
            return url
    if user.is_staff and registry_number_for_viewer(registry_number.code, user=user):
        return reverse("registry:detail", args=[registry_number.code])
    return None


def registry_numbers_latest(
    *, user, series_code: str = "", limit: int = 50
) -> QuerySet[RegistryNumber]:
    """The newest entries ``user`` may see, newest first."""
    numbers = registry_numbers_visible_to(user).select_related("series", "content_type")
    if series_code:
        numbers = numbers.filter(series__code=series_code)
    return numbers.prefetch_related("item").order_by("-registered_at", "-pk")[:limit]


def registry_number_for_item(item: Model) -> RegistryNumber | None:
    return (
        RegistryNumber.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        )
        .select_related("series")
        .first()
    )


def external_document(code: str) -> dict | None:
    """What the external document system knows about the number, if anything.

    The external system may be down; the registry page must still open, so
    any failure is logged (the number only, no personal data) and ignored.
    """
    try:
        return get_connector().lookup(code)
    except Exception as error:  # any failure of a third-party system
        logger.warning("Document system lookup for %s failed: %s", code, type(error).__name__)
        return None


def registry_series_all() -> QuerySet[RegistrySeries]:
    return RegistrySeries.objects.order_by("code")
