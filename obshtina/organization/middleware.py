"""The request's municipality, from its host (organization.hosts)."""

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render

from .hosts import UnknownHost, municipality_for_host, serving
from .selectors import current_municipality


class MunicipalityMiddleware:
    """Serve the municipality the host leads to; a host that leads to none gets a
    page that says so (404), never another municipality's site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # None on a fresh database: the first page creates the first municipality.
            municipality = municipality_for_host(request.get_host()) or current_municipality()
        except UnknownHost:
            return _unknown_host(request)
        except DatabaseError:
            # The database is down: the page fails as any other would, with the error
            # pages made for it (they need no municipality from the database).
            return self.get_response(request)
        request.municipality = municipality
        with serving(municipality):
            return self.get_response(request)


def _unknown_host(request):
    response = render(
        request,
        "organization/unknown_host.html",
        {"platform_name": settings.PLATFORM_NAME, "host": request.get_host()},
        status=404,
    )
    response["Cache-Control"] = "no-store"
    return response
