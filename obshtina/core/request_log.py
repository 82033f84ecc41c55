"""The request log (one line per request) and the request id of requests and jobs."""

import contextvars
import logging
import re
import time
import uuid

from django.dispatch import receiver
from django_tasks.signals import task_enqueued, task_finished, task_started

from obshtina.core.clients import from_trusted_proxy
from obshtina.core.logs import request_id

# An id from nginx ($request_id: 32 hex digits) or another proxy; anything else is replaced.
_FORWARDED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Path parameters that are secrets (report access links, allauth's e-mail and password keys).
_SECRET_PARAMETERS = ("token", "key", "uidb36", "uidb64")

# The request being answered, for error reports (obshtina/core/error_reports.py).
current_request = contextvars.ContextVar("current_request", default=None)

request_log = logging.getLogger("obshtina.request")
task_log = logging.getLogger("obshtina.tasks")


def secrets_in_path(request) -> list[tuple[str, str]]:
    """(name, value) of the path parameters of ``request`` that are secrets."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs.items() if match else ()
    return [(name, str(value)) for name, value in kwargs if name in _SECRET_PARAMETERS and value]


def logged_path(request) -> str:
    """The path without query string, secret path parameters replaced by their name."""
    path = request.path
    for name, value in secrets_in_path(request):
        path = path.replace(value, "{" + name + "}")
    return path


def incoming_request_id(request) -> str:
    """The proxy's id when a trusted proxy sent one, else a new one: a client cannot
    choose the id its requests are logged under."""
    forwarded = request.headers.get("X-Request-ID", "")
    if forwarded and _FORWARDED_ID.fullmatch(forwarded) and from_trusted_proxy(request):
        return forwarded
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE: sets the request id for everything below and logs the answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ident = incoming_request_id(request)
        token = request_id.set(ident)
        request_token = current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = ident
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            path = logged_path(request)
            request_log.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id.reset(token)
            current_request.reset(request_token)


# Background jobs: the line "task enqueued" is written under the request's id and names
# the job; the job's own lines (in the worker, or inline in tests) carry "task-<job id>".
_running: dict[str, contextvars.Token] = {}


@receiver(task_enqueued)
def _log_enqueued(sender, task_result, **kwargs):
    task_log.info("task enqueued %s", task_result.id, extra={"task_id": str(task_result.id)})


@receiver(task_started)
def _job_request_id(sender, task_result, **kwargs):
    _running[str(task_result.id)] = request_id.set(f"task-{task_result.id}")


@receiver(task_finished)
def _job_done(sender, task_result, **kwargs):
    token = _running.pop(str(task_result.id), None)
    if token is not None:
        request_id.reset(token)
