"""The project's real logging configuration, reconfigured for one test, and its lines."""

import io
import json
import logging.config

import pytest

from obshtina.core.logs import logging_config


@pytest.fixture
def json_log(settings):
    """LOG_FORMAT=json as in production, its one handler writing to a buffer instead of
    stderr; returns a reader of (raw text, parsed lines)."""
    buffer = io.StringIO()
    config = logging_config("json", "DEBUG")
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)

    def read():
        text = buffer.getvalue()
        return text, [json.loads(line) for line in text.splitlines()]

    yield read
    logging.config.dictConfig(settings.LOGGING)
