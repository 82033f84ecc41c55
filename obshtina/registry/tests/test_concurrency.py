"""Many requests take numbers at the same moment: none is given twice.

The threads use real, separate database connections, so on PostgreSQL this
exercises the row lock and the race to create a new year's counter.
"""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from obshtina.registry.models import RegistryCounter, RegistryNumber
from obshtina.registry.services import registry_number_issue

from .factories import RegistrySeriesFactory


# SQLite's in-memory test database is shared between threads through a
# shared cache, whose table locks fail at once ("database table is locked")
# instead of waiting for the busy timeout; a file database (as in production)
# waits and serializes writers, and so passes.
@pytest.fixture(autouse=True)
def _needs_a_database_threads_can_share():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need PostgreSQL or a file database, not SQLite's in-memory one")


THREADS = 8
NUMBERS_PER_THREAD = 25


def run_in_threads(work, count):
    """Start `count` threads together; return their results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def target():
        try:
            barrier.wait()
            results.extend(work())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_numbers_taken_from_many_threads_are_distinct_and_consecutive():
    RegistrySeriesFactory(code="concurrency", prefix="К")
    at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def take_numbers():
        return [
            registry_number_issue(series="concurrency", at=at).number
            for _ in range(NUMBERS_PER_THREAD)
        ]

    numbers, errors = run_in_threads(take_numbers, THREADS)

    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS * NUMBERS_PER_THREAD + 1))
    assert RegistryNumber.objects.filter(series__code="concurrency").count() == 200


@pytest.mark.django_db(transaction=True)
def test_first_numbers_of_a_new_year_taken_at_once_share_one_counter():
    RegistrySeriesFactory(code="concurrency", prefix="К")
    at = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)

    numbers, errors = run_in_threads(
        lambda: [registry_number_issue(series="concurrency", at=at).number], THREADS
    )

    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS + 1))
    counter = RegistryCounter.objects.get(series__code="concurrency", year=2031)
    assert counter.last_number == THREADS
