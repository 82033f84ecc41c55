"""How fast the public map and the lookup by number answer, as p50/p95 in milliseconds.

    uv run python bench/reports_bench.py [--runs 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina_bench \\
        uv run python bench/reports_bench.py

Fill the database first with bench/reports_generate.py. Measures, on whatever
DATABASE_URL says: the map selector for the 30-day window in random phone-sized
viewports at zoom 13–16 (around the settlements, where reports are dense, and
anywhere), the whole municipality at zoom 11, the map's JSON view end to end,
and Report.objects.get(number=...). Targets: map ≤ 50 ms p95, lookup ≤ 10 ms p95.
The map caches clusters: create the cache table first (manage.py createcachetable);
the benchmark empties the cache, so run it on a benchmark database.
"""

import argparse
import math
import os
import random
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max, Min  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from bench.as_municipality import as_first_municipality  # noqa: E402
from obshtina.organization.models import Settlement  # noqa: E402
from obshtina.organization.selectors import current_municipality  # noqa: E402
from obshtina.reports.models import Report  # noqa: E402
from obshtina.reports.selectors.map import map_window_start, reports_for_map  # noqa: E402
from obshtina.reports.views.map import map_data  # noqa: E402

VIEWPORT_PIXELS = (412, 800)  # a phone held upright
WARM_UP = 5


def viewport(rng: random.Random, zoom: int, centres, municipality) -> dict:
    """A phone-sized box at `zoom`: half around a settlement, half anywhere in the municipality."""
    if rng.random() < 0.5:
        lat, lng = rng.choice(centres)
        lat, lng = rng.gauss(lat, 0.005), rng.gauss(lng, 0.007)
    else:
        lat = rng.uniform(float(municipality.bounds_south), float(municipality.bounds_north))
        lng = rng.uniform(float(municipality.bounds_west), float(municipality.bounds_east))
    degrees_per_pixel = 360 / (256 * 2**zoom)
    half_lng = VIEWPORT_PIXELS[0] / 2 * degrees_per_pixel
    half_lat = VIEWPORT_PIXELS[1] / 2 * degrees_per_pixel * math.cos(math.radians(lat))
    return {
        "south": lat - half_lat,
        "west": lng - half_lng,
        "north": lat + half_lat,
        "east": lng + half_lng,
        "zoom": zoom,
    }


def measure(label: str, calls, *, warm_up: int = WARM_UP) -> None:
    """Run each call once (after a warm-up) and print p50/p95/max and what came back."""
    for call in calls[:warm_up]:
        call()
    timings, kinds = [], Counter()
    for call in calls:
        started = time.perf_counter()
        result = call()
        timings.append((time.perf_counter() - started) * 1000)
        kinds[result] += 1
    timings.sort()
    p50 = timings[len(timings) // 2]
    p95 = timings[min(len(timings) - 1, math.ceil(len(timings) * 0.95) - 1)]
    shape = ", ".join(f"{kind}: {count}" for kind, count in sorted(kinds.items()))
    print(f"{label:<34} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {timings[-1]:6.1f} ms  ({shape})")


@as_first_municipality
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    municipality = current_municipality()
    since = map_window_start()
    total = Report.objects.count()
    if not total:
        sys.exit("No reports: run bench/reports_generate.py first.")
    recent = Report.objects.filter(created_at__gte=since).count()
    print(f"database: {connection.vendor}; {total} reports, {recent} in the last 30 days")
    cache.clear()  # cold figures must not be answered from a previous run's clusters

    centres = [(float(s.latitude), float(s.longitude)) for s in Settlement.objects.all()] or [
        (float(municipality.map_center_lat), float(municipality.map_center_lng))
    ]

    def map_call(box, since=since):
        def call():
            data = reports_for_map(**box, since=since)
            return data["type"]

        return call

    boxes = [viewport(rng, rng.randint(13, 16), centres, municipality) for _ in range(args.runs)]
    measure("map, phone viewport, zoom 13-16", [map_call(box) for box in boxes])
    whole = {
        "south": float(municipality.bounds_south),
        "west": float(municipality.bounds_west),
        "north": float(municipality.bounds_north),
        "east": float(municipality.bounds_east),
        "zoom": 11,
    }
    # Clusters are cached for a minute per grid and filter; a start one minute apart
    # per run misses the cache, as the first visitor of each minute does.
    measure(
        "map, whole municipality, zoom 11",
        [map_call(whole, since - timedelta(minutes=run)) for run in range(args.runs)],
    )
    measure("map, whole municipality, cached", [map_call(whole)] * args.runs)

    factory = RequestFactory()

    def view_call(box):
        bbox = ",".join(f"{box[side]:.5f}" for side in ("south", "west", "north", "east"))
        request = factory.get("/reports/map/data/", {"bbox": bbox, "zoom": box["zoom"]})

        def call():
            return f"HTTP {map_data(request).status_code}"

        return call

    # The view keeps each viewport's JSON (reports_in_view_json): first asked, then again.
    cache.clear()
    views = [view_call(box) for box in boxes]
    measure("map data view (JSON), first time", views, warm_up=0)
    measure("map data view (JSON), asked again", views)

    bounds = Report.objects.aggregate(low=Min("pk"), high=Max("pk"))
    numbers = []
    while len(numbers) < args.runs:
        pk = rng.randint(bounds["low"], bounds["high"])
        number = Report.objects.filter(pk__gte=pk).order_by("pk").values_list("number").first()
        if number:
            numbers.append(number[0])

    def lookup_call(number):
        return lambda: type(Report.objects.get(number=number)).__name__

    measure("lookup by number", [lookup_call(number) for number in numbers])


if __name__ == "__main__":
    main()
