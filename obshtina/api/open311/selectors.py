"""Reads for Open311: services, public requests, tokens, and places named in an address.

Only public fields leave this module (ARCHITECTURE.md, rule 5): ``public_requests``
lists them explicitly, so nothing about the submitter, the assigned officer or
internal notes can reach an answer through a new model field.
"""

import re
from datetime import UTC, datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max, OuterRef, QuerySet, Subquery

from obshtina.organization.models import Settlement, Unit
from obshtina.organization.selectors import settlements
from obshtina.reports.models import Category, Report, ReportEvent, ReportPhoto

from ..models import Open311Client, Open311Token

MAX_REQUESTS = 1000  # the spec's default query limit
# When this API was published: the oldest changeset discovery can give.
PUBLISHED = datetime(2026, 11, 23, tzinfo=UTC)

# What a request row carries: the public part of a report, nothing else.
PUBLIC_REQUEST_FIELDS = (
    "number",
    "status",
    "public_answer",
    "description",
    "address",
    "latitude",
    "longitude",
    "created_at",
    "due_at",
    "forwarded_to",
)


def services_changeset() -> datetime:
    """When the services last changed, as far as the data tells: the latest change of
    a category or a unit made in the admin, and never before this API was published."""
    content_types = ContentType.objects.get_for_models(Category, Unit).values()
    latest = LogEntry.objects.filter(content_type__in=content_types).aggregate(
        latest=Max("action_time")
    )["latest"]
    return max(latest or PUBLISHED, PUBLISHED)


def active_services() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("unit")


def active_service(code: str) -> Category | None:
    return active_services().filter(slug=code).first()


def open311_client_for_key(api_key: str) -> Open311Client | None:
    if not api_key:
        return None
    return Open311Client.objects.filter(api_key=api_key, is_active=True).first()


def token_number(token: str) -> str | None:
    """The registry number an Open311 token stands for, or None."""
    return Open311Token.objects.filter(token=token).values_list("report__number", flat=True).first()


def public_requests(
    *,
    numbers: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: set[str] | None = None,
) -> list[dict]:
    """Visible reports, newest first, at most MAX_REQUESTS, as rows of public fields.

    ``numbers``, when given, overrides every other filter (as the spec says).
    ``statuses`` holds "open" and/or "closed". Each row also has ``category_code``,
    ``category_name``, ``unit_name``, ``settlement_name``/``settlement_kind``,
    ``duplicate_number`` (None when the original is hidden), ``last_change`` (the
    latest public event) and ``photo`` (the file name of the first visible photo).
    """
    reports = Report.objects.filter(is_hidden=False)
    if numbers is not None:
        reports = reports.filter(number__in=numbers)
    else:
        if service_codes:
            reports = reports.filter(category__slug__in=service_codes)
        if start:
            reports = reports.filter(created_at__gte=start)
        if end:
            reports = reports.filter(created_at__lte=end)
        if statuses == {"open"}:
            reports = reports.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == {"closed"}:
            reports = reports.exclude(status__in=Report.OPEN_STATUSES)
    public_events = ReportEvent.objects.filter(report=OuterRef("pk"), is_public=True)
    visible_photos = ReportPhoto.objects.filter(report=OuterRef("pk"), is_hidden=False)
    rows = reports.order_by("-created_at", "-pk").values(
        *PUBLIC_REQUEST_FIELDS,
        category_code=F("category__slug"),
        category_name=F("category__name"),
        unit_name=F("unit__name"),
        settlement_name=F("settlement__name"),
        settlement_kind=F("settlement__kind"),
        duplicate_number=F("duplicate_of__number"),
        duplicate_hidden=F("duplicate_of__is_hidden"),
        last_change=Subquery(public_events.order_by("-created_at", "-pk").values("created_at")[:1]),
        photo=Subquery(visible_photos.order_by("created_at", "pk").values("image")[:1]),
    )[:MAX_REQUESTS]
    rows = list(rows)
    for row in rows:
        if row.pop("duplicate_hidden"):
            row["duplicate_number"] = None
    return rows


def settlement_named_in(text: str) -> Settlement | None:
    """The settlement of the municipality named first in ``text`` as a whole word.

    The spec writes addresses from the most specific place to the most general
    one, so in "ул. Искър 5, с. Ярлово, общ. Самоков" the village comes first.
    """
    found = []
    for settlement in settlements():
        pattern = rf"(?<!\w){re.escape(settlement.name)}(?!\w)"
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            found.append((match.start(), -len(settlement.name), settlement.pk, settlement))
    return min(found)[-1] if found else None
