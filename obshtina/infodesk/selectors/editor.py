"""Reads for the editors' pages: every entry, published or not."""

from django.db.models import QuerySet

from ..models import Regulation, Service, ServiceForm


def _matching(entries: QuerySet, query: str, *texts) -> list:
    """Entries whose texts contain `query`, ignoring case.

    Filtered in Python because SQLite ignores the case of Latin letters only,
    and editors type Cyrillic; a municipality has a few hundred entries.
    """
    needle = query.strip().casefold()
    if not needle:
        return list(entries)
    return [
        entry
        for entry in entries
        if any(needle in (getattr(entry, text) or "").casefold() for text in texts)
    ]


def services_for_editor(*, query: str = "") -> list[Service]:
    services = Service.objects.select_related("unit").only(
        "name", "code", "is_published", "updated_at", "unit__name"
    )
    return _matching(services.order_by("name"), query, "name", "code")


def regulations_for_editor(*, query: str = "") -> list[Regulation]:
    regulations = Regulation.objects.only(
        "title", "kind", "number", "adopted_on", "status", "is_published", "updated_at"
    )
    return _matching(regulations.order_by("-adopted_on", "title"), query, "title", "number")


def service_forms(service: Service | None) -> QuerySet[ServiceForm]:
    if service is None or service.pk is None:
        return ServiceForm.objects.none()
    return service.forms.all()
