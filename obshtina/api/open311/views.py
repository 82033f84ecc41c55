"""Open311 GeoReport v2 endpoints; the format (xml or json) is the URL's extension."""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt

from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached
from obshtina.organization.selectors import current_municipality, site_url
from obshtina.registry.selectors import normalize_number
from obshtina.reports.services.errors import ReportError

from .caching import ONE_SECONDS, cached_answer
from .decorators import open311_endpoint
from .errors import (
    INVALID_API_KEY,
    MISSING_API_KEY,
    NO_SERVICE_CODE,
    NO_SUCH_RESOURCE,
    RATE_LIMITED,
    RATE_LIMITED_KEY,
    UNKNOWN_REQUEST,
    UNKNOWN_SERVICE,
    UNKNOWN_TOKEN,
    Open311Error,
)
from .forms import RequestSubmitForm, error_descriptions, submitted_fields
from .pages import page_headers
from .queries import EXTENSIONS, RequestsQuery, requests_query, wants_extensions
from .rendering import error_response, format_of, open311_response
from .selectors import (
    active_service,
    active_services,
    open311_client_for_key,
    public_requests,
    request_extensions,
    services_changeset,
    token_number,
)
from .serializers import (
    discovery_document,
    request_document,
    service_definition_document,
    service_document,
    submitted_document,
    token_document,
)
from .services import open311_client_mark_used, open311_request_submit

DEFAULT_RATE_LIMIT = "10/10m"  # POSTed requests per IP address
RATE_LIMIT_SCOPE = "open311:requests"
ECHO_CHARS = 80  # of what the client sent, repeated in an error


@open311_endpoint("GET")
def discovery(request, fmt: str):
    document = discovery_document(
        municipality=current_municipality(),
        changeset=services_changeset(),
        url=site_url() + reverse("open311:root").rstrip("/"),
        production=not settings.DEBUG,
        extensions=EXTENSIONS,
    )
    return open311_response(fmt, "discovery", document)


@open311_endpoint("GET")
def services(request, fmt: str):
    documents = [service_document(category) for category in active_services()]
    return open311_response(fmt, "services", documents)


@open311_endpoint("GET")
def service_definition(request, fmt: str, service_code: str):
    category = active_service(service_code)
    if category is None:
        raise Open311Error(404, UNKNOWN_SERVICE % {"code": _echo(service_code)})
    return open311_response(fmt, "service_definition", service_definition_document(category))


@open311_endpoint("GET", "POST", idempotent=("POST",))
def requests(request, fmt: str):
    if request.method == "POST":
        return _submit(request, fmt)

    def render():
        query = requests_query(request.GET)
        page = public_requests(query)
        return open311_response(
            fmt,
            "service_requests",
            _documents(page.rows, extensions=query.extensions),
            headers=page_headers(request, query=query, total=page.total),
        )

    return cached_answer(request, fmt, render)


@open311_endpoint("GET")
def request_detail(request, fmt: str, service_request_id: str):
    def render():
        extensions = wants_extensions(request.GET)
        query = RequestsQuery(numbers=[normalize_number(service_request_id)], page_size=1)
        rows = public_requests(query).rows
        if not rows:
            raise Open311Error(404, UNKNOWN_REQUEST % {"number": _echo(service_request_id)})
        return open311_response(fmt, "service_requests", _documents(rows, extensions=extensions))

    return cached_answer(request, fmt, render, seconds=ONE_SECONDS)


def _documents(rows: list[dict], *, extensions: bool) -> list[dict]:
    if not extensions:
        return [request_document(row) for row in rows]
    extra = request_extensions(rows)
    return [request_document(row, extra[row["pk"]]) for row in rows]


@open311_endpoint("GET")
def token_lookup(request, fmt: str, token: str):
    number = token_number(token)
    if number is None:
        raise Open311Error(404, UNKNOWN_TOKEN)
    return open311_response(fmt, "service_requests", [token_document(token=token, number=number)])


@csrf_exempt
def not_found(request, path: str):
    """Any other address under /open311/v2/: the spec's 404, in JSON if asked for."""
    return error_response(format_of(path), 404, [NO_SUCH_RESOURCE])


def _submit(request, fmt: str):
    fields = submitted_fields(request)
    api_key = fields.get("api_key", "").strip()
    if not api_key:
        raise Open311Error(403, MISSING_API_KEY)
    client = open311_client_for_key(api_key)
    if client is None:
        raise Open311Error(403, INVALID_API_KEY)
    open311_client_mark_used(client=client)
    limit = _rate_limit(client)
    if rate_limit_reached(request, **limit):
        message = RATE_LIMITED_KEY if client.rate_limit else RATE_LIMITED
        raise Open311Error(429, message, headers={"Retry-After": str(limit["rate"][1])})
    service_code = fields.get("service_code", "").strip()
    if not service_code:
        raise Open311Error(400, f"service_code: {NO_SERVICE_CODE}")
    category = active_service(service_code)
    if category is None:
        raise Open311Error(404, UNKNOWN_SERVICE % {"code": _echo(service_code)})
    form = RequestSubmitForm(fields, request.FILES, category=category)
    if not form.is_valid():
        form.raise_errors()
    try:
        report, token = open311_request_submit(
            client=client, category=category, **form.submission()
        )
    except ReportError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        raise Open311Error(400, *error_descriptions(errors)) from error
    rate_limit_count(request, **limit)
    return open311_response(
        fmt, "service_requests", [submitted_document(report=report, token=token)]
    )


def _rate_limit(client) -> dict:
    """A client with its own rate (a city system posting for many citizens) is counted
    by its key, wherever it posts from; any other by the address it posts from."""
    if client.rate_limit:
        rate = parse_rate(client.rate_limit, default=DEFAULT_RATE_LIMIT)
        return {"scope": RATE_LIMIT_SCOPE, "rate": rate, "who": f"client:{client.pk}"}
    rate = parse_rate(getattr(settings, "API_RATE_LIMIT", ""), default=DEFAULT_RATE_LIMIT)
    return {"scope": RATE_LIMIT_SCOPE, "rate": rate}


def _echo(text: str) -> str:
    return Truncator(text).chars(ECHO_CHARS)
