"""The site's pages for errors, in the site's layout and in Bulgarian, each with the
contact centre's phone and a way forward.

400, 403 and 404 extend ``base.html`` like any page. 500 and 503 must appear even
when the database or a context processor is what failed, so they are standalone
templates rendered without context processors, with the municipality's contacts as
loaded for the request (else as this process last read them, or the model's
defaults): they query nothing. The same
standalone layout makes the static pages nginx shows (``manage.py error_pages``).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape

from obshtina.organization.hosts import serving_municipality
from obshtina.organization.models import Municipality

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
MEGABYTE = 1024 * 1024
# The last contacts a page showed, for the pages that must not query the database.
_last_seen = {}
# When even the standalone template fails (e.g. a broken static manifest): the last resort.
BARE_PAGE = (
    '<!doctype html><html lang="bg"><meta charset="utf-8"><title>{title}</title>'
    "<h1>{title}</h1><p>Опитайте отново след малко или се обадете на {phone}.</p></html>"
)


CONTACTS = ("name", "contact_phone", "contact_email", "address")


def remember_contacts(municipality: Municipality) -> None:
    """Called with every page's municipality, so that a 500 page can name it without a query."""
    for field in CONTACTS:
        _last_seen[field] = getattr(municipality, field)


def fallback_municipality() -> Municipality:
    """An unsaved municipality with the contacts of the one being served (the request's,
    already loaded), else the contacts last seen (or the defaults); never a query."""
    serving = serving_municipality()
    if serving is not None:
        loaded = serving.__dict__  # only what is loaded: a deferred field would query
        return Municipality(**{field: loaded[field] for field in CONTACTS if field in loaded})
    return Municipality(**_last_seen)


def upload_limits() -> dict:
    """What one form may send, in the words of the pages that refuse more."""
    return {
        "form_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // MEGABYTE,
        "photo_mb": settings.UPLOAD_MAX_IMAGE_BYTES // MEGABYTE,
        "photos": settings.REPORT_MAX_PHOTOS,
        "document_mb": settings.UPLOAD_MAX_DOCUMENT_BYTES // MEGABYTE,
    }


def bad_request(request, exception=None):
    if isinstance(exception, TOO_LARGE):
        return page_response(request, "errors/too_large.html", 400, upload_limits())
    return page_response(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return page_response(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return page_response(request, "errors/404.html", 404)


def server_error(request=None, exception=None):
    return standalone_response("errors/500.html", 500)


def service_unavailable(request=None, exception=None):
    return standalone_response("errors/503.html", 503)


def standalone_page(template_name: str, context: dict | None = None) -> str:
    """The page as text, without a request, context processors or the database."""
    return loader.render_to_string(
        template_name, {"municipality": fallback_municipality(), **(context or {})}
    )


def standalone_response(template_name: str, status: int) -> HttpResponse:
    try:
        content = standalone_page(template_name)
    except Exception:  # the page of last resort must not fail in turn
        municipality = fallback_municipality()
        content = BARE_PAGE.format(
            title="Временна грешка", phone=escape(municipality.contact_phone)
        )
    response = HttpResponse(content, status=status)
    add_never_cache_headers(response)
    return response


def page_response(request, template_name: str, status: int, context: dict | None = None):
    response = render(request, template_name, context, status=status)
    add_never_cache_headers(response)
    return response
