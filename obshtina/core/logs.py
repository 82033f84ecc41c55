"""Logs: one JSON object a line in production (``LOG_FORMAT=json``), text in development.

Every record carries the id of the request (or background job) it was written in, so
that the lines of one request can be found together, and the request log adds one
line per request: method, path, status and duration. Never in a log: query strings,
request bodies, cookies, client addresses (the access record keeps who looked at
what) or tokens in paths — a report's secret link is logged with ``{token}``.

The settings import this module: it imports nothing of Django's. The request log
and the ids of background jobs are in obshtina/core/request_log.py.
"""

import contextvars
import logging
import logging.config

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds the request id; Django's own lines about a request ("Internal Server Error:
    /reports/access/<token>/") get the path as the request log writes it."""

    def filter(self, record):
        record.request_id = request_id.get()
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple) and path in record.args:
            from obshtina.core.request_log import logged_path

            record.args = tuple(logged_path(request) if a == path else a for a in record.args)
        return True


class JsonFormatter(BaseJsonFormatter):
    """time (ISO 8601, UTC), level, logger, message, request_id and the record's extras.

    Django attaches the request object to its records (its text has the query string)
    and runserver the socket: neither is written.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(
            "%(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
            timestamp="time",
        )


def configure(config: dict) -> None:
    """LOGGING_CONFIG: Python's warnings become log records too, so that every line
    the process writes has the one format."""
    logging.captureWarnings(True)
    logging.config.dictConfig(config)


def logging_config(log_format: str, level: str) -> dict:
    """The LOGGING setting for "json" or "plain" (gunicorn's own lines use it too)."""
    if log_format not in ("json", "plain"):
        raise ValueError("LOG_FORMAT is either json or plain.")
    formatter = (
        {"()": "obshtina.core.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "{asctime} {levelname} {name} [{request_id}]: {message}", "style": "{"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "obshtina.core.logs.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Its debug lines carry whole URLs: e-Delivery's profiles/check takes the ЕГН
            # in the query string.
            "urllib3": {"level": "WARNING"},
            # 4xx are in the request log already; server errors keep their tracebacks.
            "django.request": {"level": "ERROR"},
            "py.warnings": {"handlers": ["console"], "propagate": False},
        },
    }
