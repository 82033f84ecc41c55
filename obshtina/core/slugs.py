"""Readable, unique addresses for rows that editors and administrators name."""

from django.db import models
from django.utils.text import slugify

FALLBACK_SLUG = "zapis"  # for a name with no letters or digits at all


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug of `text` (Cyrillic kept) that no other row of `model` has yet:
    "adresna-registracia", then "…-2", "…-3"."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text, allow_unicode=True)[: max_length - 6].strip("-") or FALLBACK_SLUG
    taken = model.objects.exclude(pk=exclude_pk)
    slug, suffix = base, 2
    while taken.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
