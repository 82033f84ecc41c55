"""How fast the free slots of a whole group of schedules are computed.

    uv run python bench/reception_slots.py [--schedules 20] [--weeks 8] [--meetings 5000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina uv run python bench/reception_slots.py

Creates (in the configured, migrated database) a group of schedules receiving
Monday to Friday 09:00–17:00 with a lunch break, 30-minute meetings, fills the
next weeks with meetings, then times `free_slots` for the whole group over those
weeks and prints p50/p95 (target: p95 ≤ 20 ms on a 2-core machine). Removes
everything it created afterwards.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from tqdm import tqdm  # noqa: E402

from bench.as_municipality import as_first_municipality  # noqa: E402
from obshtina.reception.models import (  # noqa: E402
    Appointment,
    Schedule,
    ScheduleGroup,
    ScheduleWindow,
)
from obshtina.reception.slots import free_slots  # noqa: E402
from obshtina.registry.models import RegistryNumber, RegistrySeries  # noqa: E402

GROUP = "bench-reception"
SERIES = "bench-reception"


def create(schedule_count: int, weeks: int, meeting_count: int) -> list[Schedule]:
    group = ScheduleGroup.objects.create(name="Benchmark", slug=GROUP)
    schedules = [
        Schedule.objects.create(
            group=group,
            title=f"Benchmark {n}",
            slug=f"{GROUP}-{n}",
            valid_from=timezone.localdate() - timedelta(days=1),
        )
        for n in range(schedule_count)
    ]
    ScheduleWindow.objects.bulk_create(
        ScheduleWindow(
            schedule=schedule,
            weekday=weekday,
            start="09:00",
            end="17:00",
            slot_minutes=30,
            break_start="12:00",
            break_end="13:00",
        )
        for schedule in schedules
        for weekday in range(5)
    )
    first_day, last_day = days(weeks)
    slots = free_slots(schedules, first_day=first_day, last_day=last_day, honour_horizon=False)
    every_slot = [slot for offered in slots.values() for slot in offered]
    chosen = random.Random(7).sample(every_slot, min(meeting_count, len(every_slot)))
    series = RegistrySeries.objects.create(code=SERIES, name="Benchmark", prefix="БП")
    year = timezone.localdate().year
    by_id = {schedule.pk: schedule for schedule in schedules}
    batch = 500
    with tqdm(total=len(chosen), desc="meetings", unit="") as progress:
        for offset in range(0, len(chosen), batch):
            part = chosen[offset : offset + batch]
            with transaction.atomic():
                numbers = RegistryNumber.objects.bulk_create(
                    RegistryNumber(
                        series=series,
                        year=year,
                        number=offset + i + 1,
                        code=f"БП-{year}-{offset + i + 1:06d}",
                        registered_at=timezone.now(),
                    )
                    for i in range(len(part))
                )
                if numbers[0].pk is None:  # backends that do not return ids
                    numbers = list(
                        RegistryNumber.objects.filter(series=series).order_by("number")[
                            offset : offset + len(part)
                        ]
                    )
                Appointment.objects.bulk_create(
                    Appointment(
                        registry_number=number,
                        number=number.code,
                        schedule=by_id[slot.schedule_id],
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        status=random.choice(
                            [Appointment.Status.REQUESTED, Appointment.Status.APPROVED]
                        ),
                        topic="Benchmark",
                    )
                    for number, slot in zip(numbers, part, strict=True)
                )
            progress.update(len(part))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would have done by now
            cursor.execute("VACUUM ANALYZE reception_appointment")
    return schedules


def days(weeks: int):
    first_day = timezone.localdate()
    return first_day, first_day + timedelta(weeks=weeks) - timedelta(days=1)


def remove() -> None:
    Appointment.objects.filter(schedule__group__slug=GROUP).delete()
    RegistryNumber.objects.filter(series__code=SERIES).delete()
    RegistrySeries.objects.filter(code=SERIES).delete()
    Schedule.objects.filter(group__slug=GROUP).delete()
    ScheduleGroup.objects.filter(slug=GROUP).delete()


@as_first_municipality
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    remove()
    try:
        schedules = create(args.schedules, args.weeks, args.meetings)
        first_day, last_day = days(args.weeks)
        held = Appointment.objects.filter(schedule__group__slug=GROUP).count()
        timings, offered = [], 0
        # As config/wsgi.py does after loading the app: long-lived objects leave the
        # garbage collector's generations, so its full passes stay short.
        gc.freeze()
        for _ in range(args.runs):
            # A fresh query set each time, as a page request would make.
            group = list(Schedule.objects.filter(group__slug=GROUP))
            started = time.perf_counter()
            slots = free_slots(group, first_day=first_day, last_day=last_day)
            timings.append(time.perf_counter() - started)
            offered = sum(len(offered_slots) for offered_slots in slots.values())
        timings.sort()
        print(
            f"{len(schedules)} schedules × {args.weeks} weeks, {held} meetings held: "
            f"{offered} free slots; "
            f"p50 {statistics.median(timings) * 1000:.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms "
            f"(target p95 ≤ 20 ms)"
        )
    finally:
        remove()


if __name__ == "__main__":
    main()
