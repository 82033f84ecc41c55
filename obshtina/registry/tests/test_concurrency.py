"""Many requests take numbers at the same moment: none is given twice.

The threads use real, separate database connections, so on PostgreSQL this
exercises the row lock and the race to create a new year's counter.
"""

from datetime import UTC, datetime

import pytest

from obshtina.core.tests.threads import run_in_threads, skip_unless_threads_share_the_database
from obshtina.registry.models import RegistryCounter, RegistryNumber
from obshtina.registry.services import registry_number_issue

from .factories import RegistrySeriesFactory


@pytest.fixture(autouse=True)
def _needs_a_database_threads_can_share():
    skip_unless_threads_share_the_database()


THREADS = 8
NUMBERS_PER_THREAD = 25


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
