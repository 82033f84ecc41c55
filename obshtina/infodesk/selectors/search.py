"""Search across the knowledge base in Bulgarian, forgiving word endings and typos.

PostgreSQL has no Bulgarian stemming dictionary, so words are stemmed here with
BulStem, both when an entry is saved (``search_text``) and when a query comes
in. Entries are ranked in Python with rapidfuzz: a query word matches an entry
word when their stems are equal or close (a typo), and title matches weigh more.
The knowledge base of one municipality is a few thousand entries at most, so
this works the same on SQLite and PostgreSQL.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bulstem
from bulstem.stem import BulStemmer
from django.db.models import Q
from rapidfuzz import fuzz, process

WORD = re.compile(r"[0-9a-zA-Zа-яА-ЯѝЍ]+")
MIN_SIMILARITY = 80  # rapidfuzz ratio for a word to count as a typo of another
# Words of a question that say nothing of its subject: "виза за проектиране" is about the
# visa, and "за" would otherwise match half the knowledge base.
_STOP_WORDS = (
    "а в във да до е за и или как какво кога къде кой коя кое към ли ме ми мога на не но "
    "от по при са се с със трябва че искам"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


@cache
def _stemmer() -> BulStemmer:
    rules = Path(bulstem.__file__).parent / "stemrules" / "stem_rules_context_1_utf8.txt"
    return BulStemmer.from_file(str(rules), min_freq=2, left_context=1)


def stems(text: str) -> list[str]:
    """The stemmed, lower-case words of `text`, in order."""
    stemmer = _stemmer()
    return [stemmer.stem(word.lower()) for word in WORD.findall(text or "")]


def query_stems(query: str) -> list[str]:
    """The stems a query is matched by: its words that carry meaning, or, when it has
    none ("как да"), all of them."""
    words = [word.lower() for word in WORD.findall(query or "")]
    meaningful = [word for word in words if word not in STOP_WORDS] or words
    stemmer = _stemmer()
    return [stemmer.stem(word) for word in meaningful]


def search_text_for(*texts: str) -> str:
    """What an entry stores in ``search_text``: its stems, the title's first."""
    return " ".join(" ".join(stems(text)) for text in texts if text)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "service", "regulation", "unit", "faq"
    title: str
    url: str
    snippet: str
    score: float


def _best(word: str, choices) -> float:
    """How well `word` matches its closest choice (0 below MIN_SIMILARITY)."""
    if not choices:
        return 0
    match = process.extractOne(word, choices, scorer=fuzz.ratio)
    return match[1] if match and match[1] >= MIN_SIMILARITY else 0


def _score(wanted: list[str], title_stems: list[str], body_stems: set[str]) -> float:
    """Each query word scores by its best match in the title (×2) or the body."""
    if not wanted:
        return 0.0
    total = 0.0
    for word in wanted:
        best_title = (
            process.extractOne(word, title_stems, scorer=fuzz.ratio) if title_stems else None
        )
        best_body = process.extractOne(word, body_stems, scorer=fuzz.ratio) if body_stems else None
        title_score = best_title[1] if best_title and best_title[1] >= MIN_SIMILARITY else 0
        body_score = best_body[1] if best_body and best_body[1] >= MIN_SIMILARITY else 0
        total += max(2 * title_score, body_score)
    return total / (2 * 100 * len(wanted))


def _candidates():
    """Every published entry as (kind, title, url, snippet, title text, search text)."""
    from obshtina.organization.models import Unit

    from ..models import Question, Regulation, Service

    for service in Service.objects.filter(is_published=True).only(
        "name", "slug", "purpose", "search_text"
    ):
        yield (
            "service",
            service.name,
            service.get_absolute_url(),
            service.purpose,
            service.search_text,
        )
    for regulation in Regulation.objects.filter(is_published=True).only(
        "title", "slug", "summary", "search_text"
    ):
        yield (
            "regulation",
            regulation.title,
            regulation.get_absolute_url(),
            regulation.summary,
            regulation.search_text,
        )
    for unit in Unit.objects.filter(is_active=True).only("name", "slug", "functions"):
        from django.urls import reverse

        yield (
            "unit",
            unit.name,
            reverse("infodesk:unit", kwargs={"slug": unit.slug}),
            unit.functions,
            search_text_for(unit.name, unit.functions),
        )
    for question in Question.objects.filter(~Q(faq_answer=""), is_faq=True).only(
        "number", "faq_question", "faq_answer"
    ):
        yield (
            "faq",
            question.faq_question,
            question.get_absolute_url(),
            question.faq_answer,
            search_text_for(question.faq_question, question.faq_answer),
        )


def search_knowledge(
    query: str, *, limit: int = 20, kinds: set[str] | None = None
) -> list[SearchHit]:
    """The best entries for `query`, best first; empty for an empty query."""
    wanted = query_stems(query)[:12]
    if not wanted:
        return []
    hits = []
    for kind, title, url, snippet, search_text in _candidates():
        if kinds and kind not in kinds:
            continue
        title_stems = stems(title)
        score = _score(wanted, title_stems, set(search_text.split()))
        if score >= 0.35:
            hits.append(SearchHit(kind, title, url, (snippet or "")[:240], round(score, 3)))
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits[:limit]
