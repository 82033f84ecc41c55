"""The bare Django views the side-by-side benchmark compares the site with.

Loaded only by bench/settings.py (the benchmark's gunicorn), never by config.urls:
production has no such address. Each view does the least a JSON endpoint can do
on the same server, middleware and database: one indexed row read and returned as
small JSON. Helper modules may add their own baselines (e.g. one row inserted) by
appending to ``urlpatterns`` from bench/urls.py.
"""

from django.http import Http404, JsonResponse
from django.urls import path

from obshtina.reports.models import Report


def bare_read(request, pk: int):
    """One row by its primary key, as small JSON."""
    row = Report.objects.filter(pk=pk).values_list("number", "status").first()
    if row is None:
        raise Http404
    return JsonResponse(
        {"number": row[0], "status": row[1]}, json_dumps_params={"ensure_ascii": False}
    )


urlpatterns = [path("read/<int:pk>/", bare_read, name="bare_read")]
