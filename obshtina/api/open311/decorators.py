"""One decorator for every Open311 endpoint: allowed methods and errors as data."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt

from .errors import (
    METHOD_NOT_ALLOWED,
    NO_SUCH_RESOURCE,
    NUL_CHARACTER,
    UNREADABLE_REQUEST,
    Open311Error,
)
from .rendering import error_response

NUL = "\x00"
ECHO_CHARS = 80  # of a parameter's name, repeated in an error
UNREADABLE_BODY = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)


def open311_endpoint(*methods: str) -> Callable:
    """Answer only ``methods`` (HEAD with GET) and turn ``Open311Error`` into its answer.

    The view gets ``fmt`` ("xml" or "json") from the URL. CSRF does not apply:
    machine clients send no cookies, and POST is authorised by its api_key. A body
    Django will not parse (too big, too many fields, broken multipart) is a 400 too.
    Any other method is 405 with ``Allow``, as HTTP wants (the spec names no code for it).
    A NUL character, which no database text can hold, is refused before any query: in the
    address 404 (nothing has such a name), in a parameter 400.
    An unexpected exception is left to ``config.errors``, which logs it and answers
    with the error list.
    """
    allowed = [*methods, *(["HEAD"] if "GET" in methods else [])]

    def decorator(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def endpoint(request, *args, fmt: str, **kwargs):
            try:
                if request.method not in allowed:
                    raise Open311Error(
                        405,
                        METHOD_NOT_ALLOWED
                        % {"method": request.method, "allowed": ", ".join(methods)},
                        headers={"Allow": ", ".join(allowed)},
                    )
                _refuse_nul_characters(request, kwargs)
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return error_response(fmt, error.status, error.descriptions, headers=error.headers)
            except UNREADABLE_BODY:
                return error_response(fmt, 400, [UNREADABLE_REQUEST])

        return endpoint

    return decorator


def _refuse_nul_characters(request, path_values: dict) -> None:
    if any(NUL in value for value in path_values.values()):
        raise Open311Error(404, NO_SUCH_RESOURCE)
    parameters = [*request.GET.lists(), *(request.POST.lists() if request.method == "POST" else [])]
    for name, values in parameters:
        if NUL in name or any(NUL in value for value in values):
            raise Open311Error(400, f"{Truncator(name).chars(ECHO_CHARS)}: {NUL_CHARACTER}")
