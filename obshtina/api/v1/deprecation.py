"""Marking an operation deprecated, for people and programs at once.

``@deprecated(since=…, sunset=…)`` under the operation's decorator sets OpenAPI's
``deprecated: true``, says so in the description, and adds to every answer of the
operation, errors too:

* ``Deprecation: @<unix seconds>`` (RFC 9745), when it was deprecated;
* ``Sunset: <HTTP date>`` (RFC 8594), from when it may stop answering, if decided;
* ``Link: <…>; rel="deprecation"``, the version policy (README, "API versions").

The policy's address is ``settings.API_VERSION_POLICY_URL``; without it, the API's
interactive documentation, whose description states the policy in short.
"""

from datetime import datetime
from functools import partial, wraps

from django.conf import settings
from django.urls import reverse
from django.utils.http import http_date
from ninja.decorators import decorate_view
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

HEADERS_DOCUMENTED = {
    "Deprecation": "`@<unix seconds>` (RFC 9745): since when the operation is deprecated.",
    "Sunset": "An HTTP date (RFC 8594): from when the operation may no longer answer.",
    "Link": '`<…>; rel="deprecation"`: the API\'s version policy.',
}


def deprecated(*, since: datetime, sunset: datetime | None = None, policy_url: str = ""):
    """Deprecate the operation from `since` (aware); `sunset` when its end is decided."""
    if since.tzinfo is None or (sunset is not None and sunset.tzinfo is None):
        raise ValueError("since and sunset are aware datetimes")

    def mark(view_func):
        contribute_operation_callback(view_func, partial(_document, since, sunset))
        headers = partial(_with_headers, since=since, sunset=sunset, policy_url=policy_url)
        return decorate_view(headers)(view_func)

    return mark


def _document(since: datetime, sunset: datetime | None, operation: Operation) -> None:
    operation.deprecated = True
    notice = f"**Deprecated** since {since.date().isoformat()}"
    if sunset is not None:
        notice += f"; it may stop answering from {sunset.date().isoformat()}"
    operation.description = "\n\n".join(
        part for part in (f"{notice}.", operation.description) if part
    )
    extra = dict(operation.openapi_extra or {})
    responses = dict(extra.get("responses", {}))
    for status in operation.response_models:
        documented = dict(responses.get(status, {}))
        documented["headers"] = {
            **documented.get("headers", {}),
            **{
                name: {"description": text, "schema": {"type": "string"}}
                for name, text in HEADERS_DOCUMENTED.items()
                if name != "Sunset" or sunset is not None
            },
        }
        responses[status] = documented
    extra["responses"] = responses
    operation.openapi_extra = extra


def _with_headers(run, *, since: datetime, sunset: datetime | None, policy_url: str):
    @wraps(run)
    def run_deprecated(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        response["Deprecation"] = f"@{int(since.timestamp())}"
        if sunset is not None:
            response["Sunset"] = http_date(sunset.timestamp())
        link = f'<{policy_url or _policy_url(request)}>; rel="deprecation"'
        response["Link"] = f"{response['Link']}, {link}" if response.has_header("Link") else link
        return response

    return run_deprecated


def _policy_url(request) -> str:
    configured = getattr(settings, "API_VERSION_POLICY_URL", "")
    return configured or request.build_absolute_uri(reverse("api_v1:openapi-view"))
