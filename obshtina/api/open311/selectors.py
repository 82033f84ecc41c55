"""Reads for Open311: services, public requests, tokens, and places named in an address.

Only public fields leave this module (ARCHITECTURE.md, rule 5): ``public_requests``
lists them explicitly, so nothing about the submitter, the assigned officer or
internal notes can reach an answer through a new model field.
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import ExpressionWrapper, F, FloatField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from obshtina.organization.models import Settlement, Unit
from obshtina.organization.selectors import settlements
from obshtina.registry.selectors import normalize_number
from obshtina.reports.models import Category, Report, ReportEvent, ReportPhoto

from ..models import Open311Client, Open311Token
from .queries import Circle, RequestsQuery

METRES_PER_DEGREE = 111_195  # of latitude, on the mean Earth sphere
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
SEARCHED_FIELDS = ("description", "address", "public_answer", "category__name")
# order_by → the queryset's ordering, the registration breaking ties.
ORDERINGS = {
    "-requested_datetime": ("-created_at", "-pk"),
    "requested_datetime": ("created_at", "pk"),
    "-updated_datetime": ("-updated", "-pk"),
    "updated_datetime": ("updated", "pk"),
    "distance": ("distance_squared", "-created_at", "-pk"),
}


def services_changeset() -> datetime:
    """When the services last changed, as far as the data tells: the latest change of
    a category or a unit made in the admin, and never before this API was published."""
    content_types = ContentType.objects.get_for_models(Category, Unit).values()
    latest = LogEntry.objects.filter(content_type__in=content_types).aggregate(
        latest=Max("action_time")
    )["latest"]
    return max(latest or PUBLISHED, PUBLISHED)


def active_services() -> QuerySet[Category]:
    return (
        Category.objects.filter(is_active=True).select_related("unit").prefetch_related("questions")
    )


def active_service(code: str) -> Category | None:
    return active_services().filter(slug=code).first()


def open311_client_for_key(api_key: str) -> Open311Client | None:
    if not api_key:
        return None
    return Open311Client.objects.filter(api_key=api_key, is_active=True).first()


def token_number(token: str) -> str | None:
    """The registry number an Open311 token stands for, or None."""
    return Open311Token.objects.filter(token=token).values_list("report__number", flat=True).first()


@dataclass(frozen=True)
class RequestsPage:
    rows: list[dict]
    total: int  # matching reports on every page


def public_requests(query: RequestsQuery) -> RequestsPage:
    """One page of visible reports as rows of public fields, in ``query.order``.

    ``query.numbers``, when given, overrides every other filter (as the spec says).
    Each row also has ``category_code``, ``category_name``, ``unit_name``/``unit_code``,
    ``settlement_name``/``settlement_kind``, ``duplicate_number`` (None when the
    original is hidden), ``last_change`` (the latest public event), ``updated``
    (that, or the registration), ``photo`` (the first visible photo's file) and
    ``pk`` (for ``request_extensions``; never sent).
    """
    public_events = ReportEvent.objects.filter(report=OuterRef("pk"), is_public=True)
    last_change = Subquery(public_events.order_by("-created_at", "-pk").values("created_at")[:1])
    reports = Report.objects.filter(is_hidden=False).annotate(
        last_change=last_change, updated=Coalesce(last_change, F("created_at"))
    )
    reports = _filtered(reports, query)
    if query.centre is not None:
        reports = reports.annotate(distance_squared=_distance_squared(query.centre))
        if query.centre.radius is not None:
            reports = reports.filter(distance_squared__lte=query.centre.radius**2)
    if query.box is not None:
        box = query.box
        reports = reports.filter(
            latitude__gte=box.south,
            latitude__lte=box.north,
            longitude__gte=box.west,
            longitude__lte=box.east,
        )
    total = reports.count()
    first = (query.page - 1) * query.page_size
    visible_photos = ReportPhoto.objects.filter(report=OuterRef("pk"), is_hidden=False)
    rows = reports.order_by(*ORDERINGS[query.order]).values(
        "pk",
        *PUBLIC_REQUEST_FIELDS,
        "last_change",
        "updated",
        category_code=F("category__slug"),
        category_name=F("category__name"),
        unit_name=F("unit__name"),
        unit_code=F("unit__slug"),
        settlement_name=F("settlement__name"),
        settlement_kind=F("settlement__kind"),
        duplicate_number=F("duplicate_of__number"),
        duplicate_hidden=F("duplicate_of__is_hidden"),
        photo=Subquery(visible_photos.order_by("created_at", "pk").values("image")[:1]),
    )[first : first + query.page_size]
    rows = list(rows)
    for row in rows:
        if row.pop("duplicate_hidden"):
            row["duplicate_number"] = None
    return RequestsPage(rows=rows, total=total)


def _filtered(reports: QuerySet[Report], query: RequestsQuery) -> QuerySet[Report]:
    if query.numbers is not None:
        return reports.filter(number__in=query.numbers)
    if query.service_codes:
        reports = reports.filter(category__slug__in=query.service_codes)
    if query.start:
        reports = reports.filter(created_at__gte=query.start)
    if query.end:
        reports = reports.filter(created_at__lte=query.end)
    if query.updated_after:
        reports = reports.filter(updated__gte=query.updated_after)
    if query.updated_before:
        reports = reports.filter(updated__lte=query.updated_before)
    if query.statuses == {"open"}:
        reports = reports.filter(status__in=Report.OPEN_STATUSES)
    elif query.statuses == {"closed"}:
        reports = reports.exclude(status__in=Report.OPEN_STATUSES)
    if query.unit_ids:
        reports = reports.filter(unit_id__in=query.unit_ids)
    if query.search:
        words = Q()
        for name in SEARCHED_FIELDS:
            words |= Q(**{f"{name}__icontains": query.search})
        reports = reports.filter(words | Q(number=normalize_number(query.search)))
    return reports


def _distance_squared(centre: Circle):
    """Metres², on the plane tangent at the centre: within a municipality (tens of km)
    it is off by far less than a GPS fix, and it needs no trigonometry in SQL."""
    metres_east = math.cos(math.radians(centre.latitude)) * METRES_PER_DEGREE
    north = (F("latitude") - centre.latitude) * METRES_PER_DEGREE
    east = (F("longitude") - centre.longitude) * metres_east
    return ExpressionWrapper(north * north + east * east, output_field=FloatField())


def request_extensions(rows: list[dict]) -> dict[int, dict]:
    """By row ``pk``: every visible photo's file and the public timeline, in two queries."""
    pks = [row["pk"] for row in rows]
    extra = {pk: {"photos": [], "events": []} for pk in pks}
    photos = ReportPhoto.objects.filter(report_id__in=pks, is_hidden=False)
    for report_id, image in photos.order_by("created_at", "pk").values_list("report_id", "image"):
        extra[report_id]["photos"].append(image)
    events = ReportEvent.objects.filter(report_id__in=pks, is_public=True)
    for event in events.order_by("created_at", "pk").values(
        "report_id", "kind", "created_at", "to_status", "public_message"
    ):
        extra[event.pop("report_id")]["events"].append(event)
    return extra


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
