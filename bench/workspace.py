"""How fast "Моята работа" lists an official's items of every kind, beside one bare query.

    uv run python bench/workspace.py [--reports 20000] [--runs 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina uv run python bench/workspace.py

Creates (in the configured, migrated database) ten units with reports, questions,
letters and ЗДОИ requests (a quarter as many of each as reports) and meeting requests
(a tenth), spread over the units with deadlines around today. Then times, for an
officer of two of those units and for an administrator, the workspace's first page,
its fifth page, a page narrowed to reports by status, and the counts at its top;
beside them the bare framework's least for the same screen: one query of 50 reports
of the officer's units by deadline (``ratio workspace/bare-query …`` lines). Removes
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from tqdm import tqdm  # noqa: E402

from bench.as_municipality import as_first_municipality  # noqa: E402
from obshtina.casework import workspace as ws  # noqa: E402
from obshtina.correspondence.models import Correspondence  # noqa: E402
from obshtina.infodesk.models import Question, QuestionTopic  # noqa: E402
from obshtina.organization.models import Unit  # noqa: E402
from obshtina.organization.services import unit_member_add  # noqa: E402
from obshtina.reception.models import Appointment, Schedule, ScheduleGroup  # noqa: E402
from obshtina.reports.models import Category, Report  # noqa: E402

PREFIX = "bench-ws"
UNITS = 10
BATCH = 1000


def _deadline(rng: random.Random, now):
    return now + timedelta(hours=rng.randint(-24 * 20, 24 * 40))


def _bulk(model, rows, total: int, desc: str) -> None:
    with tqdm(total=total, desc=desc, unit="") as progress:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                model.objects.bulk_create(batch)
                progress.update(len(batch))
                batch = []
        if batch:
            model.objects.bulk_create(batch)
            progress.update(len(batch))


def create(report_count: int):
    rng = random.Random(7)
    now = timezone.now()
    units = [
        Unit.objects.create(name=f"{PREFIX} звено {n}", slug=f"{PREFIX}-{n}") for n in range(UNITS)
    ]
    categories = [
        Category.objects.create(name=f"{PREFIX} {n}", slug=f"{PREFIX}-{n}", unit=unit)
        for n, unit in enumerate(units)
    ]
    topics = [
        QuestionTopic.objects.create(name=f"{PREFIX} {n}", unit=unit)
        for n, unit in enumerate(units)
    ]
    report_statuses = [Report.Status.NEW, Report.Status.ACCEPTED, Report.Status.RESOLVED]
    _bulk(
        Report,
        (
            Report(
                number=f"БС-{n:07d}",
                category=categories[n % UNITS],
                unit=units[n % UNITS],
                status=rng.choice(report_statuses),
                description="Дупка на платното",
                latitude=42.33,
                longitude=23.55,
                due_at=_deadline(rng, now),
            )
            for n in range(report_count)
        ),
        report_count,
        "reports",
    )
    others = report_count // 4
    _bulk(
        Question,
        (
            Question(
                number=f"БВ-{n:07d}",
                topic=topics[n % UNITS],
                unit=units[n % UNITS],
                text="Как се плаща данък?",
                due_at=_deadline(rng, now),
            )
            for n in range(others)
        ),
        others,
        "questions",
    )
    kinds = [Correspondence.Kind.LETTER, Correspondence.Kind.ACCESS_REQUEST]
    _bulk(
        Correspondence,
        (
            Correspondence(
                number=f"БП-{n:07d}",
                kind=kinds[n % 2],
                unit=units[n % UNITS],
                subject="Ремонт",
                text="Моля за ремонт.",
                sender_name="Подател",
                sender_email="sender@example.bg",
                due_at=_deadline(rng, now).date(),
            )
            for n in range(others * 2)
        ),
        others * 2,
        "documents",
    )
    group = ScheduleGroup.objects.create(name=PREFIX, slug=PREFIX)
    schedules = [
        Schedule.objects.create(
            group=group,
            title=f"{PREFIX} {n}",
            slug=f"{PREFIX}-{n}",
            unit=unit,
            valid_from=timezone.localdate() - timedelta(days=1),
        )
        for n, unit in enumerate(units)
    ]
    meetings = report_count // 10
    _bulk(
        Appointment,
        (
            Appointment(
                number=f"БМ-{n:07d}",
                schedule=schedules[n % UNITS],
                starts_at=now + timedelta(minutes=30 * n),
                ends_at=now + timedelta(minutes=30 * n + 30),
                status=Appointment.Status.REQUESTED,
                topic="Среща",
            )
            for n in range(meetings)
        ),
        meetings,
        "meetings",
    )
    user_model = get_user_model()
    officer = user_model.objects.create_user(email=f"officer@{PREFIX}.bg", password=None)
    for unit in units[:2]:
        unit_member_add(user=officer, unit=unit)
    for schedule in schedules[:2]:
        schedule.officials.add(officer)
    admin = user_model.objects.create_user(
        email=f"admin@{PREFIX}.bg", password=None, is_superuser=True
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would have done by now
            for table in (Report, Question, Correspondence, Appointment):
                cursor.execute(f"VACUUM ANALYZE {table._meta.db_table}")
    return officer, admin, units[:2]


def remove() -> None:
    units = Unit.objects.filter(slug__startswith=PREFIX)
    with transaction.atomic():
        Appointment.objects.filter(schedule__slug__startswith=PREFIX).delete()
        Schedule.objects.filter(slug__startswith=PREFIX).delete()
        ScheduleGroup.objects.filter(slug=PREFIX).delete()
        Correspondence.objects.filter(unit__in=units).delete()
        Question.objects.filter(unit__in=units).delete()
        Report.objects.filter(unit__in=units).delete()
        QuestionTopic.objects.filter(name__startswith=PREFIX).delete()
        Category.objects.filter(slug__startswith=PREFIX).delete()
        get_user_model().objects.filter(email__endswith=f"@{PREFIX}.bg").delete()
        units.delete()


def timed(call, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return sorted(timings)


def p50(timings) -> float:
    return statistics.median(timings)


def p95(timings) -> float:
    return timings[int(len(timings) * 0.95)]


def report(name: str, timings, bare) -> None:
    print(
        f"{name}: p50 {p50(timings) * 1000:.1f} ms, p95 {p95(timings) * 1000:.1f} ms; "
        f"ratio workspace/bare-query {name} {p50(timings) / p50(bare):.1f}"
    )


@as_first_municipality
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    remove()
    try:
        officer, admin, officer_units = create(args.reports)
        gc.freeze()  # as config/wsgi.py does after loading the app

        def bare():
            ids = [unit.pk for unit in officer_units]
            list(Report.objects.filter(unit__in=ids).order_by("due_at")[:50])

        bare_timings = timed(bare, args.runs)
        print(f"bare query (50 reports by deadline): p50 {p50(bare_timings) * 1000:.1f} ms")
        reports_by_status = ws.WorkFilters(kind="report", status=Report.Status.ACCEPTED)
        for who, user in (("officer", officer), ("administrator", admin)):
            shown = ws.workspace_page(user=user, filters=ws.WorkFilters())
            print(f"{who}: {shown.total} open items")
            cases = {
                f"{who}-page-1": lambda user=user: ws.workspace_page(
                    user=user, filters=ws.WorkFilters()
                ),
                f"{who}-page-5": lambda user=user: ws.workspace_page(
                    user=user, filters=ws.WorkFilters(), page=5
                ),
                f"{who}-reports-by-status": lambda user=user: ws.workspace_page(
                    user=user, filters=reports_by_status
                ),
                f"{who}-counts": lambda user=user: ws.workspace_counts(user=user),
            }
            for name, call in cases.items():
                report(name, timed(call, args.runs), bare_timings)
    finally:
        remove()


if __name__ == "__main__":
    main()
