"""The rendered Open311 request lists and single requests, kept for a few seconds.

A list is up to 1,000 reports rendered row by row: far more work than a client
asking again a moment later should cost; a single request is read far more often
than it changes. The answer for one address (path, format, language and query
string) is kept within the reports' public generation (``reports.public_generation``):
a change made through the site shows at once. A list is kept for LIST_SECONDS (its
window of dates moves on), a single request for ONE_SECONDS: a change made otherwise
(a bulk update) shows when they run out.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from obshtina.reports.public_generation import public_generation

LIST_SECONDS = 30
ONE_SECONDS = 300


def cached_answer(request, fmt: str, render, *, seconds: int = LIST_SECONDS) -> HttpResponse:
    """What ``request`` asks for: the kept answer, or ``render()``'s (a 200 is kept).

    ``render`` may raise (e.g. Open311Error for a 404): nothing is kept then."""
    query = sorted((name, tuple(values)) for name, values in request.GET.lists())
    address = repr((request.path, fmt, get_language(), query)).encode()
    key = f"open311:requests:{public_generation()}:{hashlib.sha256(address).hexdigest()}"
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        return HttpResponse(content, headers=headers)
    response = render()
    if response.status_code == 200:
        # With its own headers (the content type, a list's page links and count).
        cache.set(key, (response.content, dict(response.headers)), seconds)
    return response
