"""Forms the citizen's device sends later (the PWA's outbox, core/static/core/pwa/outbox.js).

The device asks for JSON (``Accept: application/json``): a receipt with the registry
number, or the form's errors as a list of ``{"field", "message"}``. Each form carries
a random ``submission_key``; the receipt is remembered under it for a while, so a try
whose answer was lost on a bad connection gets the first receipt back instead of
filing the same item twice.
"""

import re

from django.core.cache import cache
from django.forms import Form
from django.http import JsonResponse

SUBMISSION_KEY_FIELD = "submission_key"
RECEIPT_SECONDS = 7 * 24 * 60 * 60
_KEY = re.compile(r"^[A-Za-z0-9-]{16,64}$")


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _cache_key(request, scope: str) -> str | None:
    key = request.POST.get(SUBMISSION_KEY_FIELD, "") if request.method == "POST" else ""
    return f"submission:{scope}:{key}" if _KEY.match(key) else None


def earlier_receipt(request, *, scope: str) -> dict | None:
    """The receipt of an earlier try of this same submission, if there was one."""
    key = _cache_key(request, scope)
    return cache.get(key) if key else None


def remember_receipt(request, *, scope: str, receipt: dict) -> None:
    key = _cache_key(request, scope)
    if key:
        cache.set(key, receipt, RECEIPT_SECONDS)


def receipt_response(receipt: dict, *, status: int = 201) -> JsonResponse:
    return JsonResponse(receipt, status=status, json_dumps_params={"ensure_ascii": False})


def form_errors_response(form: Form, *, status: int = 400) -> JsonResponse:
    """The form's errors, each with the label of its field, as the device shows them."""
    errors = []
    for field, messages in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in messages:
            errors.append(
                {"field": field, "message": f"{label}: {message}" if label else str(message)}
            )
    return JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )
