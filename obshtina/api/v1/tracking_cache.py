"""Tracking answers of public items (reports, questions), kept until the item changes.

"Where is my report?" is asked far more often than the answer changes, and its
answer for a public item is the same for everyone: kind, number, status and page.
It is kept per number and language for KEEP_SECONDS at most; saving or deleting
the item forgets it at once, so a new status shows on the next request. Private
items (letters, requests, meetings) depend on who asks and are never kept.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

KEEP_SECONDS = 300  # a backstop for changes made without save() (bulk updates)


def _key(code: str, language: str) -> str:
    return f"api:track:{code}:{language}"


def kept_answer(code: str) -> dict | None:
    return cache.get(_key(code, get_language()))


def keep_answer(code: str, answer: dict) -> None:
    cache.set(_key(code, get_language()), answer, KEEP_SECONDS)


# The save that gives an item its registry number: nothing was kept for a number
# given just now, so nothing is forgotten (no cache call while the counter is locked).
_NUMBERING = frozenset({"registry_number", "number"})


def forget_answers(sender, instance, update_fields=None, **kwargs) -> None:
    number = getattr(instance, "number", None)
    if number and update_fields != _NUMBERING:
        cache.delete_many([_key(number, language) for language, _name in settings.LANGUAGES])


def connect_signals() -> None:
    from obshtina.infodesk.models import Question
    from obshtina.reports.models import Report

    for model in (Report, Question):
        post_save.connect(forget_answers, sender=model, dispatch_uid=f"track-{model.__name__}")
        post_delete.connect(forget_answers, sender=model, dispatch_uid=f"track-{model.__name__}-d")
