"""Open reports close to the place of a new one ("Може би вече е подаден?")."""

import math
from datetime import timedelta

from django.utils import timezone

from ..models import Category, Report

EARTH_RADIUS_M = 6_371_000
METRES_PER_DEGREE_LATITUDE = 111_320
NEARBY_DAYS = 90
# More candidates than this in a 300 m box is a data problem, not a citizen's
# question; the closest of them are enough.
MAX_CANDIDATES = 200


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def open_reports_nearby(
    *,
    category: Category,
    latitude: float,
    longitude: float,
    radius_m: float = 300,
    limit: int = 5,
) -> list[Report]:
    """Open, public reports of the category within ``radius_m`` of the point,
    filed in the last 90 days, closest first; each has a ``distance_m``.

    The bounding box runs on the indexed latitude/longitude columns; the exact
    circle is cut in Python. Only public fields are loaded.
    """
    d_lat = radius_m / METRES_PER_DEGREE_LATITUDE
    d_lng = radius_m / (METRES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    candidates = (
        Report.objects.filter(
            category=category,
            status__in=Report.OPEN_STATUSES,
            is_hidden=False,
            created_at__gte=timezone.now() - timedelta(days=NEARBY_DAYS),
            latitude__range=(latitude - d_lat, latitude + d_lat),
            longitude__range=(longitude - d_lng, longitude + d_lng),
        )
        .only("number", "description", "status", "created_at", "latitude", "longitude")
        .order_by("-created_at")[:MAX_CANDIDATES]
    )
    found = []
    for report in candidates:
        report.distance_m = distance_m(latitude, longitude, report.latitude, report.longitude)
        if report.distance_m <= radius_m:
            found.append(report)
    found.sort(key=lambda report: report.distance_m)
    return found[:limit]
