"""The public map: the reports of the last 30 days inside the visible bounding box.

Only public fields leave this module (ARCHITECTURE.md, rule 5): number, category,
status, position, date, a snippet of the public answer and the page's address.
A box with more than MARKER_LIMIT reports is summed up on the server into grid
cells sized by the zoom, so a phone never receives thousands of markers.
"""

import hashlib
import json
import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Avg, Count, F, FloatField, QuerySet, Value
from django.db.models.functions import Floor, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _

from obshtina.organization.selectors import current_municipality

from ..models import Report
from ..public_generation import public_generation

MAP_WINDOW_DAYS = 30
MARKER_LIMIT = 500
# A cluster cell is about this many screen pixels wide (256-pixel web-mercator tiles).
CLUSTER_CELL_PIXELS = 64
ANSWER_SNIPPET_CHARS = 160
CLUSTER_CACHE_SECONDS = 60  # as long as browsers keep the map data (Cache-Control)
# The JSON of one viewport, kept within the reports' public generation: a new or
# changed report shows on the next request. The 30 days' window moves on in steps of
# this length: a report leaves the map up to 5 minutes after it turned 30 days old.
VIEW_CACHE_SECONDS = 300
# What reverse() leaves unquoted in a path argument (django.urls.resolvers).
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """ "south,west,north,east" in degrees; ValueError with a message for the citizen."""
    try:
        south, west, north, east = (float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(
            _("Задайте видимата област като bbox=юг,запад,север,изток (числа в градуси).")
        ) from None
    if not all(math.isfinite(value) for value in (south, west, north, east)) or not (
        -90 <= south < north <= 90 and -180 <= west < east <= 180
    ):
        raise ValueError(
            _("Видимата област е невалидна: югът трябва да е под севера, а западът – под изтока.")
        )
    return south, west, north, east


def reports_in_view(
    bbox: tuple[float, float, float, float],
    *,
    zoom: int,
    category_ids: Iterable[int] = (),
    statuses: Iterable[str] = (),
) -> dict:
    """The map's data for a visible area, the last 30 days (see ``reports_for_map``)."""
    south, west, north, east = bbox
    # Reports lie inside the municipality: a larger box only costs, so it is cut to it.
    municipality = current_municipality()
    south = max(south, float(municipality.bounds_south))
    west = max(west, float(municipality.bounds_west))
    north = min(north, float(municipality.bounds_north))
    east = min(east, float(municipality.bounds_east))
    if south > north or west > east:
        return {"type": "markers", "items": []}
    return reports_for_map(
        south=south,
        west=west,
        north=north,
        east=east,
        zoom=zoom,
        since=map_window_start(),
        category_ids=category_ids,
        statuses=statuses,
    )


def reports_in_view_json(
    bbox: tuple[float, float, float, float],
    *,
    zoom: int,
    category_ids: Iterable[int] = (),
    statuses: Iterable[str] = (),
) -> bytes:
    """``reports_in_view`` as UTF-8 JSON, kept per viewport and filter for 5 minutes.

    Serialising up to MARKER_LIMIT markers costs more than the query behind them, and
    a viewport is asked for again and again (a reload, the same town centre on every
    phone): the bytes are kept, not the data."""
    address = repr((bbox, zoom, sorted(category_ids or []), sorted(statuses or []))).encode()
    step = int(timezone.now().timestamp()) // VIEW_CACHE_SECONDS
    key = f"reports:map:view:{public_generation()}:{step}:{hashlib.sha256(address).hexdigest()}"
    kept = cache.get(key)
    if kept is not None:
        return kept
    data = reports_in_view(bbox, zoom=zoom, category_ids=category_ids, statuses=statuses)
    content = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
    cache.set(key, content, VIEW_CACHE_SECONDS)
    return content


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
    filtered = public_map_reports(since=since, category_ids=category_ids, statuses=statuses)
    grid = _Grid(zoom=zoom, south=south, west=west, north=north, east=east)
    cache_key = grid.cache_key(since=since, category_ids=category_ids, statuses=statuses)
    clusters = cache.get(cache_key)
    if clusters is not None:
        return {"type": "clusters", "items": clusters}
    in_box = _in_box(filtered, south=south, west=west, north=north, east=east)
    # Whether the box holds more than MARKER_LIMIT, from the index alone: reading the
    # rows (their dates above all) only to throw them away costs more than the query.
    if in_box.order_by().values("pk")[MARKER_LIMIT : MARKER_LIMIT + 1].exists():
        clusters = grid.clusters(filtered)
        cache.set(cache_key, clusters, CLUSTER_CACHE_SECONDS)
        return {"type": "clusters", "items": clusters}
    rows = list(
        in_box.order_by("-created_at").values(
            "number",
            "status",
            "latitude",
            "longitude",
            "created_at",
            category_name=F("category__name"),
            answer=Substr("public_answer", 1, ANSWER_SNIPPET_CHARS + 1),
        )[:MARKER_LIMIT]
    )
    return {"type": "markers", "items": _markers(rows)}


def _in_box(reports: QuerySet[Report], *, south, west, north, east) -> QuerySet[Report]:
    return reports.filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    )


def _markers(rows: list[dict]) -> list[dict]:
    # Up to MARKER_LIMIT rows per request: the URL pattern is worked out once, since
    # reverse() per row costs more than the query.
    placeholder = "0"
    prefix, suffix = reverse("reports:detail", kwargs={"number": placeholder}).rsplit(
        placeholder, 1
    )
    markers = []
    zone = timezone.get_current_timezone()  # once, not per row
    for row in rows:
        answer = row["answer"] or ""
        if len(answer) > ANSWER_SNIPPET_CHARS:
            answer = answer[: ANSWER_SNIPPET_CHARS - 1].rstrip() + "…"
        created_at = row["created_at"].astimezone(zone)
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


class _Grid:
    """The cluster cells of a zoom level, and the box widened to whole cells.

    Cells are fixed on the globe (floor(latitude / cell)), so a cell's count does not
    change while the map pans, and every viewport that covers the same cells — all
    the phones and desktops showing the whole municipality, say — shares one cached
    answer. Computing the cells of ~40,000 reports takes tens of milliseconds on
    PostgreSQL; a cache hit takes one.
    """

    def __init__(self, *, zoom: int, south: float, west: float, north: float, east: float):
        # The cos() correction by whole degrees: the same grid across the municipality.
        self.lat_cell, self.lng_cell = cluster_cell_degrees(
            zoom=zoom, latitude=round((south + north) / 2)
        )
        self.zoom = zoom
        self.cells = (
            math.floor(south / self.lat_cell),
            math.floor(west / self.lng_cell),
            math.floor(north / self.lat_cell),
            math.floor(east / self.lng_cell),
        )

    def cache_key(self, *, since: datetime, category_ids, statuses) -> str:
        minute = int(since.timestamp()) // CLUSTER_CACHE_SECONDS
        categories = ",".join(str(pk) for pk in sorted(category_ids or []))
        wanted = ",".join(sorted(statuses or []))
        cells = ",".join(str(cell) for cell in self.cells)
        # Hashed: many categories and statuses make a key longer than memcached's 250
        # characters (Django warns on every such key, whatever the backend).
        address = f"{self.zoom}:{cells}:{categories}:{wanted}".encode()
        return f"reports:map:clusters:{minute}:{hashlib.sha256(address).hexdigest()}"

    def clusters(self, reports: QuerySet[Report]) -> list[dict]:
        """Count the reports per cell in the database (works on SQLite and PostgreSQL)."""
        first_lat, first_lng, last_lat, last_lng = self.cells
        in_cells = _in_box(
            reports,
            south=first_lat * self.lat_cell,
            west=first_lng * self.lng_cell,
            north=(last_lat + 1) * self.lat_cell,
            east=(last_lng + 1) * self.lng_cell,
        )
        cells = (
            in_cells.order_by()
            .annotate(
                cell_lat=Floor(F("latitude") / Value(self.lat_cell, output_field=FloatField())),
                cell_lng=Floor(F("longitude") / Value(self.lng_cell, output_field=FloatField())),
            )
            .values("cell_lat", "cell_lng")
            # COUNT(*), not COUNT(id): PostgreSQL can then answer from the index alone.
            .annotate(count=Count("*"), lat=Avg("latitude"), lng=Avg("longitude"))
            .values_list("lat", "lng", "count")
        )
        return [
            {"lat": round(lat, 6), "lng": round(lng, 6), "count": count}
            for lat, lng, count in cells
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


def map_frame(municipality) -> dict:
    """What every map of the municipality starts from (Leaflet's options): its centre,
    zoom and bounds, and the tile server."""
    return {
        "center": [float(municipality.map_center_lat), float(municipality.map_center_lng)],
        "zoom": municipality.map_zoom,
        "bounds": [
            [float(municipality.bounds_south), float(municipality.bounds_west)],
            [float(municipality.bounds_north), float(municipality.bounds_east)],
        ],
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }
