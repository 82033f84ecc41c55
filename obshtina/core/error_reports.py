"""Error reports to Sentry (or a compatible server such as GlitchTip): on with SENTRY_DSN.

A report says what failed and where, never who or what they typed: no request body,
cookies, query string, client address or user (only an id), no local variables of
the stack frames (a view's locals hold the form's data), and the request id of the
logs as a tag to find the request's lines. The settings import this module.
"""

from urllib.parse import urlsplit, urlunsplit

from obshtina.core.logs import request_id

# The only request headers a report keeps (Cookie, Authorization, X-Forwarded-For,
# Referer with its query string... are dropped).
_HEADERS = {"host", "user-agent", "accept", "accept-language", "content-type", "content-length"}


def _without_query(url):
    if not isinstance(url, str):
        return url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _replaced(value, old: str, new: str):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_replaced(item, old, new) for item in value]
    return value


def scrub(event, hint=None):
    """before_send: what of the request and the user a report may carry."""
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        request["url"] = _without_query(request.get("url"))
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in _HEADERS}
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if user.get("id") else {}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        data = crumb.get("data") or {}
        if crumb.get("category") == "query":
            crumb.pop("data", None)  # SQL parameters
        elif "url" in data:
            data["url"] = _without_query(data["url"])
    from obshtina.core.request_log import current_request, secrets_in_path

    answering = current_request.get()
    for name, value in secrets_in_path(answering) if answering is not None else ():
        # A secret link's token (a report's access address) is in the URL, the
        # transaction, Django's log message...: it is sent as "{token}" everywhere.
        event = _replaced(event, value, "{" + name + "}")
    if request_id.get() != "-":
        event.setdefault("tags", {})["request_id"] = request_id.get()
    return event


def start_error_reports(dsn: str, *, environment: str, release: str = "") -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,  # None: the SDK's own guess (SENTRY_RELEASE, git)
        integrations=[DjangoIntegration()],
        # What send_default_pii=False meant, and stricter (the option is deprecated
        # in favour of this one): nothing of the request but its method and path.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,  # a view's locals hold the form's data
            "gen_ai": {"inputs": False, "outputs": False},
            "graphql": {"document": False, "variables": False},
        },
        max_request_body_size="never",
        before_send=scrub,
        before_send_transaction=scrub,
    )
