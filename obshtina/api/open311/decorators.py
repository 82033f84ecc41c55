"""One decorator for every Open311 endpoint: allowed methods and errors as data."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt

from obshtina.core import idempotency

from .errors import (
    METHOD_NOT_ALLOWED,
    NO_SUCH_RESOURCE,
    NUL_CHARACTER,
    UNREADABLE_REQUEST,
    Open311Error,
)
from .forms import submitted_fields
from .queries import locale_of
from .rendering import error_response
from .selectors import open311_client_for_key

NUL = "\x00"
ECHO_CHARS = 80  # of a parameter's name, repeated in an error
UNREADABLE_BODY = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)


def open311_endpoint(*methods: str, idempotent: tuple[str, ...] = ()) -> Callable:
    """Answer only ``methods`` (HEAD with GET) and turn ``Open311Error`` into its answer.

    The view gets ``fmt`` ("xml" or "json") from the URL. CSRF does not apply:
    machine clients send no cookies, and POST is authorised by its api_key. A body
    Django will not parse (too big, too many fields, broken multipart) is a 400 too.
    Any other method is 405 with ``Allow``, as HTTP wants (the spec names no code for it).
    A NUL character, which no database text can hold, is refused before any query: in the
    address 404 (nothing has such a name), in a parameter 400.
    ``locale`` (bg, en) chooses the language of the answer's texts.
    The `idempotent` methods honour an ``Idempotency-Key`` (see ``_answered_once``).
    An unexpected exception is left to ``config.errors``, which logs it and answers
    with the error list.
    """
    allowed = [*methods, *(["HEAD"] if "GET" in methods else [])]

    def decorator(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def endpoint(request, *args, fmt: str, **kwargs):
            def answer():
                try:
                    return view(request, *args, fmt=fmt, **kwargs)
                except Open311Error as error:
                    return error_response(
                        fmt, error.status, error.descriptions, headers=error.headers
                    )

            try:
                if request.method not in allowed:
                    raise Open311Error(
                        405,
                        METHOD_NOT_ALLOWED
                        % {"method": request.method, "allowed": ", ".join(methods)},
                        headers={"Allow": ", ".join(allowed)},
                    )
                _refuse_nul_characters(request, kwargs)
                with translation.override(locale_of(request.GET) or translation.get_language()):
                    if request.method in idempotent:
                        return _answered_once(request, fmt, answer)
                    return answer()
            except Open311Error as error:
                return error_response(fmt, error.status, error.descriptions, headers=error.headers)
            except UNREADABLE_BODY:
                return error_response(fmt, 400, [UNREADABLE_REQUEST])

        return endpoint

    return decorator


def _client_scope(request) -> str:
    """A client's keys are its own (by its api_key); a request without a valid key is
    refused (403) and nothing is stored for it."""
    client = open311_client_for_key(submitted_fields(request).get("api_key", "").strip())
    return f"open311:{client.pk}" if client else idempotency.ANONYMOUS


def _answered_once(request, fmt: str, answer: Callable):
    """The first answer again for a retry with the same ``Idempotency-Key`` and body;
    the answer is stored in the transaction that registers the report."""
    try:
        key = idempotency.key_of(request)
    except idempotency.MalformedKey:
        return error_response(fmt, 400, [idempotency.MALFORMED_MESSAGE])
    if key is None:
        return answer()
    try:
        with idempotency.once(
            scope=_client_scope(request),
            key=key,
            fingerprint=idempotency.request_fingerprint(request),
        ) as attempt:
            if attempt.replay is not None:
                return attempt.replay
            return attempt.finish(answer())
    except idempotency.KeyReused:
        return error_response(fmt, 409, [idempotency.REUSED_MESSAGE])
    except idempotency.KeyInProgress:
        return error_response(
            fmt,
            409,
            [idempotency.IN_PROGRESS_MESSAGE],
            headers={"Retry-After": str(idempotency.RETRY_AFTER_SECONDS)},
        )


def _refuse_nul_characters(request, path_values: dict) -> None:
    if any(NUL in value for value in path_values.values()):
        raise Open311Error(404, NO_SUCH_RESOURCE)
    posted = submitted_fields(request).lists() if request.method == "POST" else []
    parameters = [*request.GET.lists(), *posted]
    for name, values in parameters:
        if NUL in name or any(NUL in value for value in values):
            raise Open311Error(400, f"{Truncator(name).chars(ECHO_CHARS)}: {NUL_CHARACTER}")
