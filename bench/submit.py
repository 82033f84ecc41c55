"""How fast reports are submitted through the service, beside a bare one-row insert.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina_submit_bench \\
        uv run python bench/submit.py [--clients 1 2 4 8] [--seconds 3] [--rounds 2]

Migrate the database first (manage.py migrate). For each number of clients
(processes, like gunicorn's workers, or with --threads threads of one process;
each with its own database connection) it runs, in turn and
`--rounds` times (A B A B …), a bare insert — one row into a table of its own in
its own transaction, what a bare Django insert view does with the database —
and `report_submit` with an e-mail (number, routing, event, outbox), and
prints submissions per second, for how long of one submission the registry
counter is locked, and `ratio submit/bare-insert <value>` per number of clients.
Afterwards it removes what it made (its reports, their registry numbers and
e-mails, its table) and sets the counter back, so no gap is left in the journal;
still, run it on a benchmark database.
On SQLite (BEGIN IMMEDIATE) every writer waits for the database lock, the bare
insert too, so the ratio there shows only the submission's own cost.
"""

import argparse
import logging
import multiprocessing
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, models, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402

from bench.as_municipality import as_first_municipality  # noqa: E402
from obshtina.notifications.models import Notification  # noqa: E402
from obshtina.organization.models import Unit  # noqa: E402
from obshtina.organization.selectors import current_municipality  # noqa: E402
from obshtina.registry.models import RegistryCounter, RegistryNumber  # noqa: E402
from obshtina.reports.models import Category, Report  # noqa: E402
from obshtina.reports.services.submission import report_submit  # noqa: E402


class BareRow(models.Model):
    """The bare insert's table: a text and a time, like a minimal model."""

    text = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "bench_submit"
        db_table = "bench_submit_bare_row"

    def __str__(self):
        return self.text


def bare_insert() -> None:
    with transaction.atomic():
        BareRow.objects.create(text="Дупка на пътя")


def submit(category: Category, place: tuple[float, float]) -> None:
    report_submit(
        category=category,
        description="Дупка на пътя пред училището",
        latitude=place[0],
        longitude=place[1],
        submitter_name="Бенчмарк",
        submitter_email="bench@example.bg",
        channel=Report.Channel.API,
    )


def throughput(work, clients: int, seconds: float, *, processes: bool) -> float:
    """Operations per second of `clients` clients doing `work` for `seconds`.

    Processes (the default) are like gunicorn's workers, each with its own
    interpreter; threads share one GIL, which also queues them while one of
    them holds the registry counter's lock.
    """
    if processes:
        context = multiprocessing.get_context("fork")
        counts = context.Array("i", clients)
        barrier = context.Barrier(clients + 1)
        errors = context.Queue()
        workers = [
            context.Process(target=_client, args=(work, i, counts, barrier, seconds, errors))
            for i in range(clients)
        ]
    else:
        counts = [0] * clients
        barrier = threading.Barrier(clients + 1)
        errors = queue.Queue()
        workers = [
            threading.Thread(target=_client, args=(work, i, counts, barrier, seconds, errors))
            for i in range(clients)
        ]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if not errors.empty():
        raise RuntimeError(errors.get())
    return sum(counts) / elapsed


@as_first_municipality
def _client(work, index, counts, barrier, seconds, errors) -> None:
    try:
        work()  # a warm connection before the clock starts
        barrier.wait()
        stop_at = time.perf_counter() + seconds
        while time.perf_counter() < stop_at:
            work()
            counts[index] += 1
    except Exception as error:
        errors.put(repr(error))
        barrier.abort()
    finally:
        connection.close()


def lock_share(category: Category, place: tuple[float, float], count: int = 40) -> None:
    """One client: for how long of a submission the registry counter is locked.

    From the statement that locks the counter row to the end of the COMMIT that
    releases it, whichever statement the code uses to lock it. (The commit itself
    is timed, not an on-commit callback: the callbacks registered before ours —
    the public generation, the delivery task — run after the lock is gone.)
    """
    locked, total = [], []
    taken: list[float] = []

    def watch(execute, sql, params, many, context):
        if not taken and "registry_registrycounter" in sql and "UPDATE" in sql:
            taken.append(time.perf_counter())
        return execute(sql, params, many, context)

    connection.ensure_connection()
    commit = connection._commit

    def timed_commit():
        commit()
        if taken:
            locked.append(time.perf_counter() - taken[0])
            taken.clear()

    connection._commit = timed_commit
    try:
        for _ in range(count):
            taken.clear()
            started = time.perf_counter()
            with connection.execute_wrapper(watch):
                submit(category, place)
            total.append(time.perf_counter() - started)
    finally:
        del connection._commit
    connection.close()
    print(
        f"counter locked {statistics.median(locked) * 1000:.1f} ms "
        f"of {statistics.median(total) * 1000:.1f} ms per submission (medians, 1 client)"
    )


def setup() -> tuple[Category, tuple[float, float]]:
    with connection.schema_editor() as editor:
        if BareRow._meta.db_table not in connection.introspection.table_names():
            editor.create_model(BareRow)
    unit, _created = Unit.objects.get_or_create(
        slug="bench-submit", defaults={"name": "Бенчмарк: подаване"}
    )
    category, _created = Category.objects.get_or_create(
        slug="bench-submit", defaults={"name": "Бенчмарк: подаване", "unit": unit}
    )
    municipality = current_municipality()
    return category, (float(municipality.map_center_lat), float(municipality.map_center_lng))


def cleanup(category: Category) -> None:
    """Remove the benchmark's reports and what came with them; no gap is left."""
    reports = Report.objects.filter(category=category)
    numbers = RegistryNumber.objects.filter(pk__in=reports.values("registry_number"))
    years = set(numbers.values_list("series_id", "year"))
    Notification.objects.filter(
        about_type="reports.report",
        about_id__in=[str(pk) for pk in reports.values_list("pk", flat=True)],
    ).delete()
    number_ids = list(numbers.values_list("pk", flat=True))
    reports.delete()
    RegistryNumber.objects.filter(pk__in=number_ids).delete()
    for series_id, year in years:
        last = RegistryNumber.objects.filter(series_id=series_id, year=year).aggregate(
            last=Max("number")
        )["last"]
        RegistryCounter.objects.filter(series_id=series_id, year=year).update(last_number=last or 0)
    with connection.schema_editor() as editor:
        editor.delete_model(BareRow)


@as_first_municipality
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", action="store_true", help="clients as threads of one process")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one "notification queued" line per submission
    category, place = setup()
    connection.close()
    processes = not args.threads
    print(
        f"database: {connection.vendor}, {args.seconds:g} s per run, {args.rounds} rounds, "
        f"clients as {'processes' if processes else 'threads'}"
    )
    ratios = {}
    for clients in args.clients:
        bare, submitted = [], []
        for _round in range(args.rounds):
            bare.append(throughput(bare_insert, clients, args.seconds, processes=processes))
            submitted.append(
                throughput(
                    lambda: submit(category, place), clients, args.seconds, processes=processes
                )
            )
        bare_rate, submit_rate = statistics.median(bare), statistics.median(submitted)
        ratios[clients] = submit_rate / bare_rate
        print(f"{clients} client(s): bare insert {bare_rate:7.0f}/s, submit {submit_rate:7.0f}/s")
    lock_share(category, place)
    cleanup(category)
    for clients, ratio in ratios.items():
        print(f"ratio submit/bare-insert {ratio:.2f} (clients {clients})")


if __name__ == "__main__":
    main()
