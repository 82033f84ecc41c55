"""The rendered Open311 request lists, kept for a few seconds.

A list is up to 1,000 reports rendered row by row: far more work than a client
asking again a moment later should cost. The answer for one address (format,
language and query string) is kept for LIST_SECONDS; any saved or deleted report,
public event, photo, category, unit or settlement starts a new generation, so a
change made through the site shows at once, and one made otherwise (a bulk update)
within LIST_SECONDS.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

LIST_SECONDS = 30
GENERATION_KEY = "open311:requests:generation"


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def new_generation(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def cached_list(request, fmt: str, render) -> HttpResponse:
    """The list ``request`` asks for: the kept answer, or ``render()``'s (a 200 is kept)."""
    query = sorted((name, tuple(values)) for name, values in request.GET.lists())
    address = repr((fmt, get_language(), query)).encode()
    key = f"open311:requests:{_generation()}:{hashlib.sha256(address).hexdigest()}"
    kept = cache.get(key)
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    response = render()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), LIST_SECONDS)
    return response


def connect_signals() -> None:
    from obshtina.organization.models import Settlement, Unit
    from obshtina.reports.models import Category, Report, ReportEvent, ReportPhoto

    for model in (Report, ReportEvent, ReportPhoto, Category, Unit, Settlement):
        post_save.connect(
            new_generation, sender=model, dispatch_uid=f"open311-list-{model.__name__}"
        )
        post_delete.connect(
            new_generation, sender=model, dispatch_uid=f"open311-list-{model.__name__}-d"
        )
