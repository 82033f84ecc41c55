"""A token that changes whenever anything the public sees of reports changes.

Caches of public report data (the map's markers, Open311's answers) put it in their
keys: saving or deleting a report, a public event, a photo, a category, a unit or a
settlement starts a new generation, so a change made through the site shows on the
next request, and one made otherwise (a bulk update) when the cached answer expires.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "reports:public:generation"


def public_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def new_generation(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def connect_signals() -> None:
    from obshtina.organization.models import Settlement, Unit

    from .models import Category, Report, ReportEvent, ReportPhoto

    for model in (Report, ReportEvent, ReportPhoto, Category, Unit, Settlement):
        name = model.__name__
        post_save.connect(new_generation, sender=model, dispatch_uid=f"reports-public-{name}")
        post_delete.connect(new_generation, sender=model, dispatch_uid=f"reports-public-{name}-d")
