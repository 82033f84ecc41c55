"""A token that changes whenever anything the public sees of reports changes.

Caches of public report data (the map's markers, Open311's answers) put it in their
keys: saving or deleting a report, a public event, a photo, a category, a unit or a
settlement starts a new generation when its transaction commits, so a change made
through the site shows on the next request, and one made otherwise (a bulk update)
when the cached answer expires.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "reports:public:generation"


def public_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def new_generation(using: str | None = None, **kwargs) -> None:
    """A change was saved: once its transaction commits, a new generation starts.

    At the commit, not now: a cache filled before the commit would otherwise keep
    the old data under the new generation. Once per transaction (savepoint),
    however many rows it saves (a submission saves a report twice and an event),
    and outside it, so the cache's row (DatabaseCache) is not locked until the
    commit: submissions wait on nothing of each other's here.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _GenerationBump()()
        return
    scope = set(connection.savepoint_ids) - {None}  # None: an atomic without a savepoint
    if any(
        isinstance(callback, _GenerationBump) and not callback.done and sids - {None} == scope
        for sids, callback, _robust in connection.run_on_commit
    ):
        return  # already due at the commit, from a change in the same (save)point
    # robust: the change has committed; a cache that fails must not fail the answer.
    transaction.on_commit(_GenerationBump(), using=using, robust=True)


class _GenerationBump:
    """The on-commit callback; `done` once run (a test may play commits and go on)."""

    done = False

    def __call__(self) -> None:
        self.done = True
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def connect_signals() -> None:
    from obshtina.organization.models import Settlement, Unit

    from .models import Category, Report, ReportEvent, ReportPhoto

    for model in (Report, ReportEvent, ReportPhoto, Category, Unit, Settlement):
        name = model.__name__
        post_save.connect(new_generation, sender=model, dispatch_uid=f"reports-public-{name}")
        post_delete.connect(new_generation, sender=model, dispatch_uid=f"reports-public-{name}-d")
