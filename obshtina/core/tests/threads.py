"""Tests that start threads with real, separate database connections, as gunicorn's do."""

import threading

import pytest
from django.db import connection

from obshtina.organization.hosts import serving
from obshtina.organization.selectors import current_municipality


def skip_unless_threads_share_the_database():
    # SQLite's in-memory test database is shared between threads through a shared
    # cache, whose table locks fail at once ("database table is locked") instead of
    # waiting for the busy timeout; a file database (as in production) waits.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need PostgreSQL or a file database, not SQLite's in-memory one")


def run_in_threads(work, count):
    """Start `count` threads together, each serving the municipality as a request
    would (organization.hosts.serving); return their results and errors."""
    municipality = current_municipality()
    barrier = threading.Barrier(count)
    results, errors = [], []

    def target():
        try:
            barrier.wait()
            with serving(municipality):
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
