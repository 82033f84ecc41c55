# GUNICORN_BIND=127.0.0.1:8001 gunicorn -c deploy/gunicorn.conf.py config.wsgi
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two app servers run (deploy/obshtina-web@.service, the upstream of nginx.conf):
# together about the usual 2 × cores + 1 processes.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# The access log has paths and status codes only: query strings may carry
# tracking tokens, so they are left out.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
