"""Every 4xx of the JSON API is ``{"code", "message", "fields"?}``: a machine code, a
message in Bulgarian fit to show the citizen and, for bad input, the messages per field.

Bad input of any kind — a type ninja refuses, a rule a service enforces — is 400;
the handlers below turn each kind of exception into that one shape. What no endpoint
answers (a server error, the database out of reach, an address no pattern matches)
takes the same shape in ``config/errors.py``, from ``error_response_for_status``.
"""

from functools import wraps

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from obshtina.reception.services.booking import SlotTakenError
from obshtina.reception.services.decisions import AppointmentChangedError

from . import patterns

JSON_PARAMS = {"ensure_ascii": False}

# A service error with this code is about who is asking, not about the input.
FORBIDDEN_CODES = frozenset({"unconfirmed"})


class ApiError(Exception):
    """Raised by endpoints for an answer that is not 2xx: status, code and message."""

    def __init__(self, status: int, code: str, message: str, *, headers=None, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra
        self.headers = headers or {}


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {name: [str(text) for text in texts] for name, texts in fields.items()}
    body.update(extra)
    return body


def error_response(status: int, code: str, message: str, **kwargs) -> HttpResponse:
    return JsonResponse(
        error_body(code, message, **kwargs), status=status, json_dumps_params=JSON_PARAMS
    )


def field_errors(error: DjangoValidationError, *, renamed: dict | None = None) -> dict:
    """A Django ``ValidationError``'s messages by (API) field name; non-field ones are left out."""
    if not hasattr(error, "error_dict"):
        return {}
    renamed = renamed or {}
    fields: dict[str, list[str]] = {}
    for name, errors in error.error_dict.items():
        if name == NON_FIELD_ERRORS:
            continue
        for message in DjangoValidationError(errors).messages:
            fields.setdefault(renamed.get(name, name), []).append(message)
    return fields


def _summary(messages: list[str]) -> str:
    unique = list(dict.fromkeys(str(message) for message in messages))
    return " ".join(unique) or _("Проверете въведените данни.")


def validation_error_response(
    error: DjangoValidationError, *, renamed: dict | None = None
) -> HttpResponse:
    """A service's (or a form's) ``ValidationError`` → 400; 409 when someone else changed
    things first (a slot taken, a meeting decided); 403 for an unconfirmed e-mail."""
    code = getattr(error, "code", None) or ""
    status = 400
    if isinstance(error, SlotTakenError | AppointmentChangedError):
        status = 409
    elif code in FORBIDDEN_CODES:
        status = 403
    fields = field_errors(error, renamed=renamed)
    return error_response(status, code or "invalid", _summary(error.messages), fields=fields)


DATE_FORMAT = _lazy("Въведете дата във вида ГГГГ-ММ-ДД, напр. 2026-01-31.")
DATETIME_FORMAT = _lazy(
    "Въведете дата и час във вида 2026-01-31T09:30 (по желание с часова зона, напр. +02:00)."
)

# Pydantic's error types, in Bulgarian (the ones bad input can reach).
_PYDANTIC_MESSAGES = {
    "missing": _lazy("Полето е задължително."),
    "string_type": _lazy("Въведете текст."),
    "string_unicode": _lazy("Текстът съдържа непозволени знаци."),
    "string_too_short": _lazy("Попълнете полето."),
    "string_too_long": _lazy("Текстът е твърде дълъг (до %(max_length)s знака)."),
    "string_pattern_mismatch": _lazy("Стойността е в неправилен вид."),
    "int_parsing": _lazy("Въведете цяло число."),
    "int_type": _lazy("Въведете цяло число."),
    "int_from_float": _lazy("Въведете цяло число."),
    "float_parsing": _lazy("Въведете число."),
    "float_type": _lazy("Въведете число."),
    "finite_number": _lazy("Въведете крайно число."),
    "greater_than": _lazy("Стойността трябва да е по-голяма от %(gt)s."),
    "greater_than_equal": _lazy("Стойността трябва да е поне %(ge)s."),
    "less_than": _lazy("Стойността трябва да е по-малка от %(lt)s."),
    "less_than_equal": _lazy("Стойността трябва да е най-много %(le)s."),
    "bool_parsing": _lazy("Въведете true или false."),
    "bool_type": _lazy("Въведете true или false."),
    "date_parsing": DATE_FORMAT,
    "date_from_datetime_parsing": DATE_FORMAT,
    "date_type": DATE_FORMAT,
    "datetime_parsing": DATETIME_FORMAT,
    "datetime_from_date_parsing": DATETIME_FORMAT,
    "datetime_type": DATETIME_FORMAT,
    "enum": _lazy("Изберете една от стойностите: %(expected)s."),
    "literal_error": _lazy("Изберете една от стойностите: %(expected)s."),
    "list_type": _lazy("Очаква се списък."),
    "too_long": _lazy("Твърде много стойности (до %(max_length)s)."),
    "dict_type": _lazy("Очаква се обект (JSON)."),
    "model_type": _lazy("Очаква се обект (JSON)."),
    "model_attributes_type": _lazy("Очаква се обект (JSON)."),
    "json_invalid": _lazy("Невалиден JSON."),
    "extra_forbidden": _lazy("Непознато поле."),
}


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "value_error" and "error" in context:
        return str(context["error"])  # our own validators raise Bulgarian messages
    own_message = patterns.message_for(str(context.get("pattern", "")))
    if kind == "string_pattern_mismatch" and own_message:
        return own_message
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return _("Невалидна стойност.")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return _("Невалидна стойност.")


def _field_name(location) -> str:
    """("form", "payload", "description") → "description"; ("file", "photos", 0) → "photos"."""
    names = [part for part in location[1:] if isinstance(part, str) and part != "payload"]
    return names[-1] if names else str(location[0] if location else "body")


def ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        message = _pydantic_message(error)
        messages = fields.setdefault(_field_name(error.get("loc") or ()), [])
        if message not in messages:
            messages.append(message)
    message = _summary([message for messages in fields.values() for message in messages])
    return error_response(400, "invalid", message, fields=fields)


def csrf_failed_response() -> HttpResponse:
    return error_response(
        403,
        "csrf_failed",
        _("Липсва или е невалиден CSRF ключът (заглавие X-CSRFToken). Презаредете страницата."),
    )


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own errors: an unreadable body (400) and a failed CSRF check (403, also
    raised by ``auth.optional_user``)."""
    if exc.status_code == 403:
        return csrf_failed_response()
    if exc.status_code == 400:
        return error_response(
            400, "bad_request", _("Тялото на заявката не може да бъде прочетено (очаква се JSON).")
        )
    return error_response(exc.status_code, "error", _("Заявката не може да бъде изпълнена."))


def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        401,
        "not_authenticated",
        _(
            "Нужен е вход: изпратете ключа си в заглавието „Authorization: Bearer …“ "
            "или влезте в профила си."
        ),
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    response = error_response(exc.status, exc.code, exc.message, **exc.extra)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def not_found(request: HttpRequest, exc: Http404 | None = None) -> HttpResponse:
    message = str(exc) if exc and exc.args else _("Няма такъв ресурс.")
    return error_response(404, "not_found", message)


def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, "forbidden", _("Нямате достъп до това действие."))


def suspicious_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """What Django refuses to read (too big, too many fields or files): 400 in our shape."""
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return error_response(
            400, "too_large", _("Заявката е твърде голяма или съдържа твърде много полета.")
        )
    return error_response(400, "bad_request", _("Заявката не може да бъде изпълнена."))


def unreadable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body without its boundary, or cut short."""
    return error_response(
        400,
        "bad_request",
        _("Тялото на заявката не може да бъде прочетено (повреден multipart/form-data)."),
    )


def service_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return validation_error_response(exc)


def json_method_not_allowed(patterns: list) -> list:
    """ninja's patterns, each answering an unsupported method with a JSON 405."""

    def wrap(view):
        @wraps(view)
        def view_with_json_405(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code != 405 or response.get("Content-Type", "").startswith(
                "application/json"
            ):
                return response
            refusal = error_response(
                405, "method_not_allowed", _("Този метод не се поддържа на този адрес.")
            )
            refusal["Allow"] = response["Allow"]
            return refusal

        return view_with_json_405

    return [
        URLPattern(pattern.pattern, wrap(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]


def install_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(NinjaValidationError, ninja_validation_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, permission_denied)
    api.add_exception_handler(SuspiciousOperation, suspicious_request)
    api.add_exception_handler(DjangoValidationError, service_error)
    api.add_exception_handler(MultiPartParserError, unreadable_multipart)


_ERRORS_BY_STATUS = {
    400: ("bad_request", _lazy("Заявката не може да бъде изпълнена.")),
    403: ("forbidden", _lazy("Нямате достъп до това действие.")),
    404: ("not_found", _lazy("Няма такъв ресурс.")),
    413: ("too_large", _lazy("Заявката е твърде голяма.")),
    500: (
        "server_error",
        _lazy("Грешка в сървъра. Тя е записана и ще бъде отстранена; опитайте отново по-късно."),
    ),
    503: ("unavailable", _lazy("Услугата временно не е достъпна. Опитайте отново след малко.")),
}


def error_response_for_status(status: int, exception: Exception | None = None) -> HttpResponse:
    """The answer for an error no endpoint answered itself; never a traceback."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return suspicious_request(None, exception)
    code, message = _ERRORS_BY_STATUS[status]
    return error_response(status, code, message)
