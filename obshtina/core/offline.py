"""Forms the citizen's device sends later (the PWA's outbox, core/static/core/pwa/outbox.js).

The device asks for JSON (``Accept: application/json``): a receipt with the registry
number, or the form's errors as a list of ``{"field", "message"}``. Each form carries
a random submission key — the ``Idempotency-Key`` header from the outbox, the
``submission_key`` field from the page's own form — and goes through the one
mechanism of ``obshtina.core.idempotency``: a try whose answer was lost on a bad
connection gets the first receipt back instead of filing the same item twice.
"""

import json
from collections.abc import Callable

from django.forms import Form
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from . import idempotency

SUBMISSION_KEY_FIELD = "submission_key"
JSON_PARAMS = {"ensure_ascii": False}

REUSED = _(
    "Този формуляр вече беше изпратен с други данни. Прегледайте ги и изпратете формуляра отново."
)
IN_PROGRESS = _("Формулярът още се изпраща. Изчакайте малко и опитайте отново.")
MALFORMED = _("Формулярът не може да бъде изпратен. Презаредете страницата и опитайте отново.")


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def receipt_response(receipt: dict, *, status: int = 201) -> JsonResponse:
    return JsonResponse(receipt, status=status, json_dumps_params=JSON_PARAMS)


def receipt_answer(request, receipt: dict) -> HttpResponse:
    """The receipt as JSON for the device, else the page that shows it."""
    if wants_json(request):
        return receipt_response(receipt)
    return redirect(receipt["submitted_url"])


def form_errors_response(form: Form, *, status: int = 400) -> JsonResponse:
    """The form's errors, each with the label of its field, as the device shows them."""
    errors = []
    for field, messages in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in messages:
            errors.append(
                {"field": field, "message": f"{label}: {message}" if label else str(message)}
            )
    return JsonResponse({"errors": errors}, status=status, json_dumps_params=JSON_PARAMS)


def submitted_once(
    request,
    *,
    submit: Callable[[], dict | HttpResponse],
    refused_page: Callable[[str, int], HttpResponse],
) -> HttpResponse:
    """POST a form at most once per submission key.

    `submit` registers the item and returns its receipt, or returns the answer with
    the form's errors. The receipt is stored with the item (as JSON), so a retry —
    from the page or from the device — gets it again. A key used for other data, or
    still being sent, is refused: as JSON for the device, with `refused_page(message,
    status)` for a person.
    """
    try:
        key = idempotency.key_of(request, field=SUBMISSION_KEY_FIELD)
        if key is None:
            return _answer(request, submit())
        with idempotency.once(
            scope=idempotency.scope_of(request.user),
            key=key,
            fingerprint=idempotency.request_fingerprint(
                request, ignored_fields=[SUBMISSION_KEY_FIELD]
            ),
        ) as attempt:
            if attempt.replay is not None:
                return _replayed(request, attempt.replay)
            outcome = submit()
            if isinstance(outcome, dict):
                attempt.finish(receipt_response(outcome))
            return _answer(request, outcome)
    except idempotency.MalformedKey:
        return _refused(request, refused_page, MALFORMED, 400, "idempotency_key_invalid")
    except idempotency.KeyReused:
        return _refused(request, refused_page, REUSED, 409, "idempotency_key_reused")
    except idempotency.KeyInProgress:
        return _refused(request, refused_page, IN_PROGRESS, 409, "idempotency_key_in_progress")


def _answer(request, outcome: dict | HttpResponse) -> HttpResponse:
    return receipt_answer(request, outcome) if isinstance(outcome, dict) else outcome


def _replayed(request, stored: HttpResponse) -> HttpResponse:
    if wants_json(request):
        return stored
    return redirect(json.loads(stored.content)["submitted_url"])


def _refused(request, refused_page, message, status: int, code: str) -> HttpResponse:
    if wants_json(request):
        body = {"code": code, "errors": [{"field": "", "message": str(message)}]}
        return JsonResponse(body, status=status, json_dumps_params=JSON_PARAMS)
    return refused_page(str(message), status)
