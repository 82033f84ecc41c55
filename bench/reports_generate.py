"""Fill the database with N reports fast, for the map and lookup benchmarks.

    uv run python bench/reports_generate.py [--count 1000000 | --up-to 1000000] [--batch 10000]
        [--days 730] [--municipalities 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina_bench \
        uv run python bench/reports_generate.py --count 200000

Bypasses the submission service (no e-mails, photos or timeline events) and
writes registry numbers and reports with bulk_create, in batches, oldest first.
The numbers come from the real "reports" series: each batch reserves its block
of numbers on the locked (series, year) counter in its own transaction, so the
site can keep numbering after the run. Points cluster around the settlements
(like real reports) and spread over the municipality's bounds; dates spread over
the last --days days. With --municipalities N, as many in each of N municipalities
(the first and N-1 founded from it): the benchmarks then measure the first one among
them. Meant for a benchmark database: the reports stay.
"""

import argparse
import math
import os
import random
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import OuterRef, Subquery  # noqa: E402
from django.utils import timezone  # noqa: E402
from tqdm import tqdm  # noqa: E402

from obshtina.organization.founding import NewSettlement, municipality_found  # noqa: E402
from obshtina.organization.hosts import serving  # noqa: E402
from obshtina.organization.models import Municipality, Settlement, Unit  # noqa: E402
from obshtina.organization.selectors import current_municipality  # noqa: E402
from obshtina.registry.models import (  # noqa: E402
    RegistryCounter,
    RegistryNumber,
    RegistrySeries,
    registry_code,
)
from obshtina.registry.services import REGISTRY_TIME_ZONE  # noqa: E402
from obshtina.reports.models import Category, Report  # noqa: E402

SERIES = "reports"
# What the benchmark's municipalities take from the first: its map and bounds.
GEOGRAPHY = (
    "map_center_lat",
    "map_center_lng",
    "map_zoom",
    "bounds_south",
    "bounds_west",
    "bounds_north",
    "bounds_east",
)
DESCRIPTIONS = [
    "Дупка на пътното платно",
    "Не свети уличното осветление",
    "Препълнени контейнери за смет",
    "Счупена пейка в парка",
    "Паднало дърво на тротоара",
    "Незаконно изхвърлени строителни отпадъци",
    "Липсва капак на шахта",
    "Повредена детска площадка",
]
ANSWERS = ["Проблемът е отстранен.", "Сигналът е предаден на фирмата по поддръжка.", ""]
S = Report.Status
RECENT_STATUSES = ([S.NEW, S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.REJECTED], [40, 20, 20, 15, 5])
OLD_STATUSES = (
    [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.FORWARDED, S.DUPLICATE],
    [5, 10, 68, 8, 6, 3],
)


def categories_and_units() -> list[tuple[Category, Unit]]:
    """The active categories with their units; a few are created in an empty database."""
    categories = list(Category.objects.filter(is_active=True).select_related("unit"))
    if not categories:
        unit, _ = Unit.objects.get_or_create(slug="bench-unit", defaults={"name": "Бенчмарк звено"})
        for position, name in enumerate(("Пътища", "Осветление", "Отпадъци", "Паркове")):
            Category.objects.get_or_create(
                slug=f"bench-{position}",
                defaults={"name": f"Бенчмарк: {name}", "unit": unit, "position": position},
            )
        categories = list(Category.objects.filter(is_active=True).select_related("unit"))
    fallback = Unit.objects.filter(is_contact_centre=True).first() or Unit.objects.first()
    return [(category, category.unit or fallback) for category in categories]


class Places:
    """Random points: 70 % around a settlement (the town weighs most), 30 % anywhere."""

    def __init__(self, rng: random.Random):
        municipality = current_municipality()
        self.rng = rng
        self.south, self.north = float(municipality.bounds_south), float(municipality.bounds_north)
        self.west, self.east = float(municipality.bounds_west), float(municipality.bounds_east)
        settlements = list(Settlement.objects.all())
        self.centres = [(s, float(s.latitude), float(s.longitude)) for s in settlements] or [
            (None, float(municipality.map_center_lat), float(municipality.map_center_lng))
        ]
        self.weights = [
            8 if s is None or s.kind == Settlement.Kind.TOWN else 1 for s, _, _ in self.centres
        ]

    def point(self) -> tuple[float, float, Settlement | None]:
        rng = self.rng
        if rng.random() < 0.7:
            settlement, lat, lng = rng.choices(self.centres, self.weights)[0]
            spread = 0.012 if settlement is None or settlement.kind == "town" else 0.004
            lat = min(max(rng.gauss(lat, spread), self.south), self.north)
            lng = min(max(rng.gauss(lng, spread * 1.35), self.west), self.east)
            return lat, lng, settlement
        return rng.uniform(self.south, self.north), rng.uniform(self.west, self.east), None


def reserve_numbers(series: RegistrySeries, years: Counter) -> dict[int, int]:
    """Take a block of numbers per year on the locked counter; returns the first of each block."""
    first = {}
    for year, count in sorted(years.items()):
        counter, _ = RegistryCounter.objects.select_for_update().get_or_create(
            series=series, year=year
        )
        first[year] = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return first


def write_batch(*, size, start, span, series, content_type, choices, places, rng, now):
    moments = sorted(start + span * rng.random() for _ in range(size))
    years = [moment.astimezone(REGISTRY_TIME_ZONE).year for moment in moments]
    with transaction.atomic():
        next_number = reserve_numbers(series, Counter(years))
        numbers = []
        for moment, year in zip(moments, years, strict=True):
            number = next_number[year]
            next_number[year] += 1
            code = registry_code(prefix=series.prefix, year=year, number=number)
            numbers.append(
                RegistryNumber(
                    series=series,
                    year=year,
                    number=number,
                    code=code,
                    registered_at=moment,
                    content_type=content_type,
                )
            )
        RegistryNumber.objects.bulk_create(numbers)
        reports = []
        for registry_number in numbers:
            category, unit = rng.choice(choices)
            created_at = registry_number.registered_at
            statuses, weights = (
                RECENT_STATUSES if now - created_at < timedelta(days=60) else OLD_STATUSES
            )
            status = rng.choices(statuses, weights)[0]
            resolved_at = None
            if status == S.RESOLVED:
                resolved_at = min(created_at + timedelta(days=rng.uniform(0.5, 40)), now)
            lat, lng, settlement = places.point()
            reports.append(
                Report(
                    registry_number=registry_number,
                    number=registry_number.code,
                    category=category,
                    unit=unit,
                    status=status,
                    description=rng.choice(DESCRIPTIONS),
                    latitude=lat,
                    longitude=lng,
                    settlement=settlement,
                    public_answer=rng.choice(ANSWERS) if status != S.NEW else "",
                    is_hidden=rng.random() < 0.005,
                    created_at=created_at,
                    due_at=created_at + timedelta(days=category.resolve_days or 60),
                    resolved_at=resolved_at,
                )
            )
        Report.objects.bulk_create(reports)
        # Link each number to its report, as registry_number_link does, in one statement.
        RegistryNumber.objects.filter(pk__in=[n.pk for n in numbers]).update(
            object_id=Subquery(
                Report.objects.filter(registry_number=OuterRef("pk")).values("pk")[:1]
            )
        )


def bench_municipalities(count: int) -> list[Municipality]:
    """The first municipality and ``count - 1`` more founded from it, with its
    settlements (the same geography: the map's queries are as dense in each), once."""
    first = current_municipality()
    with serving(first):
        settlements = tuple(
            NewSettlement(s.name, s.kind, s.latitude, s.longitude) for s in Settlement.objects.all()
        )
    geography = {field: getattr(first, field) for field in GEOGRAPHY}
    municipalities = [first]
    for index in range(2, count + 1):
        slug = f"bench-{index}"
        municipality = Municipality.objects.filter(slug=slug).first() or municipality_found(
            name=f"Бенчмарк община {index}",
            slug=slug,
            template=first,
            settlements=settlements,
            **geography,
        )
        municipalities.append(municipality)
    return municipalities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument(
        "--up-to", type=int, default=None, help="only as many as the database lacks to hold N"
    )
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=730, help="spread over the last N days")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--municipalities",
        type=int,
        default=1,
        help="as many in each of N municipalities (the first and N-1 founded from it)",
    )
    args = parser.parse_args()
    if args.count < 1 or args.batch < 1 or args.days < 1 or args.municipalities < 1:
        parser.error("--count, --batch, --days and --municipalities must be positive")
    municipalities = bench_municipalities(args.municipalities)
    for number, municipality in enumerate(municipalities, start=1):
        if len(municipalities) > 1:
            print(f"municipality {number}/{len(municipalities)}: {municipality.name}")
        with serving(municipality):
            generate(args, seed=None if args.seed is None else args.seed + number)


def generate(args, *, seed) -> None:
    """The reports of the municipality being served."""
    count = args.count
    if args.up_to is not None:
        existing = Report.objects.count()
        if existing >= args.up_to:
            print(f"database: {connection.vendor}; {existing} reports already, none generated")
            return
        count = args.up_to - existing
    args = argparse.Namespace(**{**vars(args), "count": count})
    rng = random.Random(seed)
    series = RegistrySeries.objects.get(code=SERIES)
    content_type = ContentType.objects.get_for_model(Report)
    choices = categories_and_units()
    places = Places(rng)
    now = timezone.now()
    oldest = now - timedelta(days=args.days)
    batches = math.ceil(args.count / args.batch)
    print(f"database: {connection.vendor}; {Report.objects.count()} reports before the run")
    with tqdm(total=args.count, unit="reports", unit_scale=True) as progress:
        for index in range(batches):
            size = min(args.batch, args.count - index * args.batch)
            # Batch i covers its own slice of time, so numbers grow with dates.
            span = (now - oldest) * size / args.count
            start = oldest + (now - oldest) * (index * args.batch) / args.count
            write_batch(
                size=size,
                start=start,
                span=span,
                series=series,
                content_type=content_type,
                choices=choices,
                places=places,
                rng=rng,
                now=now,
            )
            progress.update(size)
    with connection.cursor() as cursor:  # fresh statistics, so the planner picks the indexes
        cursor.execute("ANALYZE")
    print(f"done: {Report.objects.count()} reports")


if __name__ == "__main__":
    main()
