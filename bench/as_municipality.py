"""Benchmarks run as the first municipality's requests and jobs do: its rows are the
only ones the owned models answer with (obshtina.organization.scoping)."""

import functools

from obshtina.organization.hosts import serving
from obshtina.organization.selectors import current_municipality


def as_first_municipality(function):
    """Run ``function`` – a benchmark's main, or the body of one of its threads or
    processes (a new thread starts outside every municipality) – serving the first
    municipality."""

    @functools.wraps(function)
    def served(*args, **kwargs):
        with serving(current_municipality()):
            return function(*args, **kwargs)

    return served
