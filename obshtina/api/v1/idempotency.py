"""``Idempotency-Key`` on the JSON API's creating operations (``obshtina.core.idempotency``).

``@decorate_view(idempotent)`` wraps the whole operation — sign-in, checks and the
answer ninja renders — so the answer is stored in the transaction that creates the
item. The key is the caller's: the token's or the session's user, else the key alone.
"""

from functools import wraps

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from obshtina.core import idempotency

from .auth import bearer_token
from .errors import error_response, suspicious_request

KEY_DESCRIPTION = (
    "A random key (16–255 characters, e.g. a UUID) that makes a retry safe: the same key "
    "with the same request within 24 hours returns the first answer (with "
    "`Idempotent-Replayed: true`) and creates nothing; with a different request it is 409 "
    "`idempotency_key_reused`; while the first is still processed, 409 "
    "`idempotency_key_in_progress`. Keys are per signed-in user; without sign-in the key "
    "alone counts."
)

# For ``@server_checks(state_errors=…)`` of each operation that takes the header.
CONFLICTS = {
    "idempotency_key_reused": "409, the `Idempotency-Key` came with a different request "
    "within 24 hours",
    "idempotency_key_in_progress": "409, the first request with this key is still being "
    "processed (see `Retry-After`)",
}

# For ``openapi_extra=`` of each operation that takes the header.
OPENAPI = {
    "parameters": [
        {
            "in": "header",
            "name": idempotency.HEADER,
            "required": False,
            "description": KEY_DESCRIPTION,
            "schema": {"type": "string", "pattern": f"^{idempotency.KEY_PATTERN}$"},
        }
    ],
    "responses": {
        201: {  # an int, as ninja keys its responses: a string would repeat the key
            "headers": {
                idempotency.REPLAYED_HEADER: {
                    "description": "`true` when this is the stored answer to an earlier try.",
                    "schema": {"type": "string", "enum": ["true"]},
                }
            }
        }
    },
}


def _caller_scope(request) -> str:
    """Whose key it is; a request whose sign-in fails is refused before anything is stored."""
    user = bearer_token(request)
    return idempotency.scope_of(user or request.user)


def idempotent(run):
    """An operation's ``run`` that answers a retry with the stored first answer."""

    @wraps(run)
    def run_once(request, **kwargs):
        try:
            key = idempotency.key_of(request)
        except idempotency.MalformedKey:
            message = str(idempotency.MALFORMED_MESSAGE)
            return error_response(
                400, "idempotency_key_invalid", message, fields={idempotency.HEADER: [message]}
            )
        if key is None:
            return run(request, **kwargs)
        try:
            fingerprint = idempotency.request_fingerprint(request)
        except SuspiciousOperation as error:  # too big, too many fields or files
            return suspicious_request(request, error)
        except MultiPartParserError:
            return error_response(400, "bad_request", _("Заявката не може да бъде изпълнена."))
        try:
            with idempotency.once(
                scope=_caller_scope(request), key=key, fingerprint=fingerprint
            ) as attempt:
                if attempt.replay is not None:
                    return attempt.replay
                return attempt.finish(run(request, **kwargs))
        except idempotency.KeyReused:
            return error_response(409, "idempotency_key_reused", idempotency.REUSED_MESSAGE)
        except idempotency.KeyInProgress:
            response = error_response(
                409, "idempotency_key_in_progress", idempotency.IN_PROGRESS_MESSAGE
            )
            response["Retry-After"] = str(idempotency.RETRY_AFTER_SECONDS)
            return response

    return run_once
