# GUNICORN_BIND=127.0.0.1:8001 gunicorn -c deploy/gunicorn.conf.py config.wsgi
import multiprocessing
import os
import sys
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two app servers run (deploy/obshtina-web@.service, the upstream of nginx.conf):
# together about the usual 2 × cores + 1 processes.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# No access log of gunicorn's: the app writes one line per request itself
# (obshtina.request: request id, method, path without query string, status, duration;
# no client address). gunicorn's own lines (start, workers) take the app's format.
accesslog = None
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from obshtina.core.logs import logging_config  # noqa: E402

_debug = os.environ.get("DEBUG", "true").lower() in ("1", "true", "yes", "on")
logconfig_dict = logging_config(
    os.environ.get("LOG_FORMAT", "plain" if _debug else "json"),
    os.environ.get("LOG_LEVEL", "INFO"),
)
logconfig_dict["loggers"]["gunicorn.error"] = {"handlers": ["console"], "propagate": False}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
