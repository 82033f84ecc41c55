"""One decorator for every Open311 endpoint: allowed methods and errors as data."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt

from .errors import METHOD_NOT_ALLOWED, UNREADABLE_REQUEST, Open311Error
from .rendering import error_response

UNREADABLE_BODY = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)


def open311_endpoint(*methods: str) -> Callable:
    """Answer only ``methods`` (HEAD with GET) and turn ``Open311Error`` into its answer.

    The view gets ``fmt`` ("xml" or "json") from the URL. CSRF does not apply:
    machine clients send no cookies, and POST is authorised by its api_key. A body
    Django will not parse (too big, too many fields, broken multipart) is a 400 too.
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def endpoint(request, *args, fmt: str, **kwargs):
            try:
                if request.method not in allowed:
                    raise Open311Error(
                        400,
                        METHOD_NOT_ALLOWED
                        % {"method": request.method, "allowed": ", ".join(methods)},
                    )
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return error_response(fmt, error.status, error.descriptions, headers=error.headers)
            except UNREADABLE_BODY:
                return error_response(fmt, 400, [UNREADABLE_REQUEST])

        return endpoint

    return decorator
