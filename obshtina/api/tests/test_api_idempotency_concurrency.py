"""Tries with the same Idempotency-Key at the same moment: one report, one answer.

The threads use separate database connections; on PostgreSQL they really run at
once, and the unique (scope, key) makes the later tries wait for the first.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from obshtina.core import idempotency
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

from .v1_helpers import API, empty_cache  # noqa: F401

KEY = "7c9d1e44-2f7a-4d5c-9b1e-5d0c3f0e8a51"


@pytest.fixture(autouse=True)
def _needs_a_database_threads_can_share():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need PostgreSQL or a file database, not SQLite's in-memory one")


def in_threads(works):
    """Run each callable in its own thread, all released at once; their results in order."""
    barrier = threading.Barrier(len(works))
    results = [None] * len(works)

    def target(index, work):
        try:
            barrier.wait()
            results[index] = work()
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=item) for item in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def submit(category):
    data = {
        "category": category.pk,
        "description": "Дупка на пътя пред училището",
        "lat": SAMOKOV[0],
        "lng": SAMOKOV[1],
    }
    return Client().post(f"{API}reports", data, headers={"Idempotency-Key": KEY})


@pytest.mark.django_db(transaction=True)
def test_four_tries_at_once_with_one_key_file_one_report_and_share_its_answer():
    category = CategoryFactory()

    responses = in_threads([lambda: submit(category)] * 4)

    assert [response.status_code for response in responses] == [201] * 4
    assert len({response.content for response in responses}) == 1
    assert sum(response.has_header("Idempotent-Replayed") for response in responses) == 3
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_try_while_the_first_is_still_running_gets_409_in_progress(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: the second try simply waits")
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 1)
    category = CategoryFactory()
    claimed, release = threading.Event(), threading.Event()

    def first_try_still_running():
        try:
            with idempotency.once(
                scope=idempotency.ANONYMOUS, key=KEY, fingerprint="the first try"
            ):
                claimed.set()
                release.wait(10)
        finally:
            connection.close()

    first = threading.Thread(target=first_try_still_running)
    first.start()
    claimed.wait(10)
    try:
        response = submit(category)
    finally:
        release.set()
        first.join()

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_in_progress"
    assert response["Retry-After"] == "2"
    assert not Report.objects.exists()
