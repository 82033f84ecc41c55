"""Answers for what no view answered itself: an address nothing matches, a request
Django refuses, a failed CSRF check, an exception nobody caught.

Each part of the site answers in its own format: under /api/ the JSON API's
``{"code", "message"}``, under /open311/ the GeoReport error list (XML, or JSON for a
``.json`` address), elsewhere a page of the site in Bulgarian. While the database
cannot be reached (a restart, a failover) the answer is 503 with ``Retry-After``
instead of 500: nothing is wrong with the request, and trying again will work.

Django still logs every server error with its traceback (the ``django.request``
logger: path and exception, no request body); the answers never carry one.
"""

import sys

from django.db import InterfaceError, OperationalError

from obshtina.api.open311.errors import DESCRIPTIONS_BY_STATUS
from obshtina.api.open311.rendering import error_response as open311_error_response
from obshtina.api.open311.rendering import format_of
from obshtina.api.v1.errors import csrf_failed_response, error_response_for_status
from obshtina.core import csrf_failure as site_csrf_failure
from obshtina.core import error_pages

RETRY_AFTER_SECONDS = 10
API_PREFIX, OPEN311_PREFIX = "/api/", "/open311/"
SITE_PAGES = {
    400: error_pages.bad_request,
    403: error_pages.permission_denied,
    404: error_pages.page_not_found,
    500: error_pages.server_error,
    503: error_pages.service_unavailable,
}


def bad_request(request, exception=None):
    return _answer(request, 400, exception)


def permission_denied(request, exception=None):
    return _answer(request, 403, exception)


def page_not_found(request, exception=None):
    return _answer(request, 404, exception)


def server_error(request):
    """Called while the exception is being handled, so it is still in ``sys.exc_info``."""
    exception = sys.exc_info()[1]
    return _answer(request, 503 if database_unreachable(exception) else 500, exception)


def csrf_failure(request, reason=""):
    if request.path_info.startswith(API_PREFIX):
        return csrf_failed_response()
    if request.path_info.startswith(OPEN311_PREFIX):
        return _answer(request, 403, None)
    return site_csrf_failure.csrf_failure(request, reason)


def database_unreachable(exception: BaseException | None) -> bool:
    """True if the database failed to answer anywhere in the chain of causes."""
    while exception is not None:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _answer(request, status: int, exception):
    path = request.path_info
    if path.startswith(API_PREFIX):
        response = error_response_for_status(status, exception)
    elif path.startswith(OPEN311_PREFIX):
        response = open311_error_response(format_of(path), status, [DESCRIPTIONS_BY_STATUS[status]])
    else:
        response = SITE_PAGES[status](request, exception)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
