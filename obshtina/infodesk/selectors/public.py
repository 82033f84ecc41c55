"""Reads for the public knowledge base ("Информация").

Only published services and regulations and active units are ever returned;
FAQ entries carry only their published question and answer, never the asker.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from obshtina.organization.models import Unit

from ..models import Question, Regulation, Service, ServiceForm, Theme
from .search import SearchHit, search_knowledge

# Shorter queries match almost everything by typo tolerance and help no one.
SEARCH_MIN_LENGTH = 3

KIND_LABELS = {
    "service": _("Административна услуга"),
    "regulation": _("Нормативен документ"),
    "unit": _("Звено"),
    "faq": _("Често задаван въпрос"),
}


def themes_by_kind() -> dict[str, list[Theme]]:
    """Themes and life situations, each list in its browsing order."""
    grouped: dict[str, list[Theme]] = {kind: [] for kind in Theme.Kind.values}
    for theme in Theme.objects.all():
        grouped[theme.kind].append(theme)
    return grouped


def published_services(*, theme: Theme | None = None) -> QuerySet[Service]:
    services = Service.objects.filter(is_published=True).select_related("unit")
    if theme is not None:
        services = services.filter(themes=theme)
    return services.only("name", "slug", "purpose", "unit__name", "unit__slug")


def service_for_slug(slug: str) -> Service | None:
    return (
        Service.objects.filter(slug=slug, is_published=True)
        .select_related("unit")
        .prefetch_related("themes", Prefetch("forms", queryset=ServiceForm.objects.all()))
        .first()
    )


def published_regulations(
    *, kind: str = "", status: str = "", theme: Theme | None = None
) -> QuerySet[Regulation]:
    """Published regulations; unknown `kind` or `status` values filter nothing out."""
    regulations = Regulation.objects.filter(is_published=True)
    if kind in Regulation.Kind.values:
        regulations = regulations.filter(kind=kind)
    if status in Regulation.Status.values:
        regulations = regulations.filter(status=status)
    if theme is not None:
        regulations = regulations.filter(themes=theme)
    return regulations.defer("search_text")


def regulation_for_slug(slug: str) -> Regulation | None:
    return (
        Regulation.objects.filter(slug=slug, is_published=True).prefetch_related("themes").first()
    )


def theme_for_slug(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first()


def public_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).select_related("parent").order_by("name")


def unit_for_slug(slug: str) -> Unit | None:
    return Unit.objects.filter(slug=slug, is_active=True).select_related("parent").first()


def unit_services(unit: Unit) -> QuerySet[Service]:
    return published_services().filter(unit=unit)


@dataclass(frozen=True)
class FaqEntry:
    number: str
    question: str
    answer: str
    topic: str


def faq_entries() -> list[FaqEntry]:
    """Published questions and answers: only the texts written for publishing."""
    rows = (
        Question.objects.filter(is_faq=True)
        .exclude(Q(faq_question="") | Q(faq_answer=""))
        .order_by("topic__position", "topic__name", "-created_at")
        .values_list("number", "faq_question", "faq_answer", "topic__name")
    )
    return [FaqEntry(*row) for row in rows]


@dataclass(frozen=True)
class LabelledHit:
    hit: SearchHit
    label: str


def search_results(query: str) -> list[LabelledHit]:
    """Search hits, best first, each with the name of its kind."""
    return [
        LabelledHit(hit, KIND_LABELS.get(hit.kind, hit.kind))
        for hit in search_knowledge(query, limit=30)
    ]
