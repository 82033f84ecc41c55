"""The public map: the reports of the last 30 days inside the visible bounding box.

Only public fields leave this module (ARCHITECTURE.md, rule 5): number, category,
status, position, date, a snippet of the public answer and the page's address.
A box with more than MARKER_LIMIT reports is summed up on the server into grid
cells sized by the zoom, so a phone never receives thousands of markers.
"""

import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import quote

from django.db.models import Avg, Count, F, FloatField, QuerySet, Value
from django.db.models.functions import Floor, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from ..models import Report

MAP_WINDOW_DAYS = 30
MARKER_LIMIT = 500
# A cluster cell is about this many screen pixels wide (256-pixel web-mercator tiles).
CLUSTER_CELL_PIXELS = 64
ANSWER_SNIPPET_CHARS = 160
# What reverse() leaves unquoted in a path argument (django.urls.resolvers).
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def map_window_start(now: datetime | None = None) -> datetime:
    """The oldest creation time the map shows (the seed: the last 30 days)."""
    return (now or timezone.now()) - timedelta(days=MAP_WINDOW_DAYS)


def public_map_reports(
    *,
    since: datetime,
    category_ids: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
) -> QuerySet[Report]:
    """Visible reports created since `since`, filtered by category and status."""
    reports = Report.objects.filter(created_at__gte=since, is_hidden=False)
    if category_ids:
        reports = reports.filter(category_id__in=list(category_ids))
    if statuses:
        reports = reports.filter(status__in=list(statuses))
    return reports


def cluster_cell_degrees(*, zoom: int, latitude: float) -> tuple[float, float]:
    """(latitude, longitude) size in degrees of a cell CLUSTER_CELL_PIXELS wide at `zoom`.

    On a web-mercator map a degree of latitude is longer than one of longitude by
    1/cos(latitude), so the latitude step is shortened to keep cells square on screen.
    """
    lng_cell = 360 / (256 * 2**zoom) * CLUSTER_CELL_PIXELS
    return lng_cell * math.cos(math.radians(latitude)), lng_cell


def reports_for_map(
    *,
    south: float,
    west: float,
    north: float,
    east: float,
    zoom: int,
    since: datetime,
    category_ids: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
) -> dict:
    """{"type": "markers", "items": [...]} or, over MARKER_LIMIT, {"type": "clusters", ...}.

    Markers: number, category, status (the code: labels are the page's, so that the
    data is the same in every language and caches may share it), lat, lng,
    created_at (ISO), date (d.m.Y H:i in Sofia), answer (snippet), url.
    Clusters: lat, lng (the mean position) and count.
    """
    in_box = public_map_reports(since=since, category_ids=category_ids, statuses=statuses).filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    )
    rows = list(
        in_box.order_by("-created_at").values(
            "number",
            "status",
            "latitude",
            "longitude",
            "created_at",
            category_name=F("category__name"),
            answer=Substr("public_answer", 1, ANSWER_SNIPPET_CHARS + 1),
        )[: MARKER_LIMIT + 1]
    )
    if len(rows) > MARKER_LIMIT:
        return {"type": "clusters", "items": _clusters(in_box, zoom=zoom, latitude=south)}
    return {"type": "markers", "items": _markers(rows)}


def _markers(rows: list[dict]) -> list[dict]:
    # Up to MARKER_LIMIT rows per request: the URL pattern is worked out once, since
    # reverse() per row costs more than the query.
    placeholder = "0"
    prefix, suffix = reverse("reports:detail", kwargs={"number": placeholder}).rsplit(
        placeholder, 1
    )
    markers = []
    for row in rows:
        answer = row["answer"] or ""
        if len(answer) > ANSWER_SNIPPET_CHARS:
            answer = answer[: ANSWER_SNIPPET_CHARS - 1].rstrip() + "…"
        created_at = timezone.localtime(row["created_at"])
        markers.append(
            {
                "number": row["number"],
                "category": row["category_name"],
                "status": row["status"],
                "lat": row["latitude"],
                "lng": row["longitude"],
                "created_at": created_at.isoformat(),
                "date": created_at.strftime("%d.%m.%Y %H:%M"),
                "answer": answer,
                "url": prefix + quote(row["number"], safe=URL_SAFE) + suffix,
            }
        )
    return markers


def _clusters(reports: QuerySet[Report], *, zoom: int, latitude: float) -> list[dict]:
    """Count the reports per grid cell in the database (works on SQLite and PostgreSQL)."""
    lat_cell, lng_cell = cluster_cell_degrees(zoom=zoom, latitude=latitude)
    cells = (
        reports.order_by()
        .annotate(
            cell_lat=Floor(F("latitude") / Value(lat_cell, output_field=FloatField())),
            cell_lng=Floor(F("longitude") / Value(lng_cell, output_field=FloatField())),
        )
        .values("cell_lat", "cell_lng")
        .annotate(count=Count("*"), lat=Avg("latitude"), lng=Avg("longitude"))
        .values_list("lat", "lng", "count")
    )
    return [
        {"lat": round(lat, 6), "lng": round(lng, 6), "count": count} for lat, lng, count in cells
    ]


def map_report_list(
    *,
    since: datetime,
    category_ids: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
) -> QuerySet[Report]:
    """The map's text alternative: the same reports for the whole municipality, newest first."""
    return (
        public_map_reports(since=since, category_ids=category_ids, statuses=statuses)
        .select_related("category", "settlement")
        .only(
            "number",
            "status",
            "created_at",
            "address",
            "category__name",
            "settlement__name",
            "settlement__kind",
        )
        .order_by("-created_at", "-pk")
    )
