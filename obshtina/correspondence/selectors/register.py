"""Reads of the public register of ЗДОИ answers: published entries only, their own
texts only (never a field of the request, whose sender they would show)."""

from django.db.models import QuerySet

from ..models import PublishedAnswer

SEARCHED_ENTRIES = 5000  # years of a municipality's answers; searched in Python
SEARCH_MAX_LENGTH = 200


def published_answers() -> QuerySet[PublishedAnswer]:
    return (
        PublishedAnswer.objects.filter(status=PublishedAnswer.Status.PUBLISHED)
        .select_related("correspondence")
        .only(
            "subject",
            "request_text",
            "decision_kind",
            "decision_text",
            "decided_on",
            "published_at",
            "correspondence__number",
            "correspondence__registered_at",
        )
        .order_by("-published_at", "-pk")
    )


def published_answer_for_number(number: str) -> PublishedAnswer | None:
    return published_answers().filter(correspondence__number=number).first()


def published_answers_matching(query: str) -> list[PublishedAnswer]:
    """Entries whose texts hold every word of ``query``, forgiving case in Cyrillic too
    (SQLite's LIKE forgives it only in Latin letters)."""
    words = query.casefold().split()
    entries = list(published_answers()[:SEARCHED_ENTRIES])
    if not words:
        return entries
    return [entry for entry in entries if all(word in _text(entry) for word in words)]


def _text(entry: PublishedAnswer) -> str:
    return f"{entry.number} {entry.subject} {entry.request_text} {entry.decision_text}".casefold()
