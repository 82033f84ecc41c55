"""How fast registry numbers are given out, by one and by many threads at once.

    uv run python bench/registry_numbers.py [--threads 8] [--per-thread 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina uv run python bench/registry_numbers.py

Runs against the configured database (migrate it first) in a series of its own,
which it removes afterwards, and prints numbers per second and latency.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.as_municipality import as_first_municipality  # noqa: E402
from obshtina.registry.models import RegistryNumber, RegistrySeries  # noqa: E402
from obshtina.registry.services import registry_number_issue  # noqa: E402

SERIES = "bench"


@as_first_municipality
def take(count: int, latencies: list[float]) -> None:
    try:
        for _ in range(count):
            started = time.perf_counter()
            registry_number_issue(series=SERIES)
            latencies.append(time.perf_counter() - started)
    finally:
        connection.close()


def run(threads: int, per_thread: int) -> None:
    latencies: list[float] = []
    workers = [threading.Thread(target=take, args=(per_thread, latencies)) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    total = threads * per_thread
    numbers = RegistryNumber.objects.filter(series__code=SERIES)
    distinct = numbers.values("number").distinct().count()
    latencies.sort()
    print(
        f"{threads:>3} thread(s) × {per_thread}: {total / elapsed:8.0f} numbers/s, "
        f"median {statistics.median(latencies) * 1000:6.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:6.1f} ms, "
        f"distinct {distinct}/{numbers.count()}"
    )


@as_first_municipality
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--per-thread", type=int, default=200)
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    RegistrySeries.objects.filter(code=SERIES).delete()
    series = RegistrySeries.objects.create(code=SERIES, name="Benchmark", prefix="БЕНЧ")
    try:
        for threads in sorted({1, args.threads}):
            RegistryNumber.objects.filter(series=series).delete()
            series.counters.all().delete()
            run(threads, args.per_thread)
    finally:
        RegistryNumber.objects.filter(series=series).delete()
        series.counters.all().delete()
        series.delete()


if __name__ == "__main__":
    main()
