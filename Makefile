# The README's commands. uv is installed on first use when missing.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV := uv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run worker test test-at test-clocks browser stack lint format bench bench-reports load \
	admin messages backup restore

setup:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --user --quiet uv \
		|| python3 -m pip install --user --quiet --break-system-packages uv
	$(UV) sync --frozen

## Install, migrate, load the Samokov demo data, serve the site and its background worker.
## Links in the printed logins and e-mails use the address served, unless SITE_URL is set.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py createcachetable
	$(UV) run python manage.py load_demo_data
	$(UV) run python manage.py runsite $(HOST):$(PORT)

## Only the background worker (e-mail delivery and other jobs).
worker: setup
	$(UV) run python manage.py db_worker

## The whole suite (SQLite by default; set DATABASE_URL=postgres://... for PostgreSQL).
test: setup
	$(UV) run pytest

## The suite (without the browser tests) with the process clock set to CLOCK, Sofia time,
## e.g. make test-at CLOCK="2026-12-31 23:30:00". Needs faketime (Debian's faketime).
CLOCK ?= 2026-12-31 23:30:00
test-at: setup
	$(UV) run env TZ=Europe/Sofia faketime -f "@$(CLOCK)" python -m pytest -q -p no:cacheprovider -m "not browser"

## The suite on the days that break date arithmetic: a month's first minutes, New Year's
## Eve late in the evening, and both daylight-saving changes (the repeated hour in October).
CLOCKS := "2027-03-01 00:10:00" "2026-12-31 23:30:00" "2027-03-28 04:10:00" "2027-10-31 03:30:00"
test-clocks: setup
	@status=0; for clock in $(CLOCKS); do \
		echo "== the suite at $$clock (Europe/Sofia)"; \
		$(MAKE) --no-print-directory test-at CLOCK="$$clock" || status=1; \
	done; exit $$status

## End-to-end tests in headless Chromium (Debian's /usr/bin/chromium) with axe-core checks.
browser: setup
	$(UV) run pytest -m browser tests/browser

## The production stack of deploy/ on loopback (nginx, two gunicorns, worker, Redis, a fresh
## database <name>_stack on DATABASE_URL's PostgreSQL), until Ctrl-C. STACK_PORT_BASE=8100
## puts nginx on 8143 (https); by default the ports are free ones, printed at start.
stack: setup
	$(UV) run python -m tests.stack.launcher

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format: setup
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

## Rebuild the compiled translations after editing locale/*/LC_MESSAGES/django.po.
messages: setup
	$(UV) run python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench
	$(UV) run python manage.py compilemessages --ignore=.venv

## The first administrator of a production deployment.
admin: setup
	$(UV) run python manage.py createsuperuser

## Benchmarks: print figures (registry numbers per second, by one and by many threads), then
## the read paths side by side with a bare Django view on gunicorn (needs wrk; generates
## 20,000 reports first if the database has fewer), ending in `ratio <name> <value>` lines.
bench: setup
	$(UV) run python manage.py migrate --noinput -v0
	$(UV) run python manage.py createcachetable
	$(UV) run python bench/registry_numbers.py
	$(UV) run python bench/submit.py
	$(UV) run python bench/reception_slots.py
	$(UV) run python bench/workspace.py
	$(UV) run python bench/side_by_side.py

## Reports: fill the configured database up to COUNT reports (default 1,000,000, with a progress
## bar; none when it holds that many), print p50/p95 of the map query and of lookup by number,
## then the side-by-side figures on gunicorn. Use a benchmark database.
COUNT ?= 1000000
MUNICIPALITIES ?= 1
bench-reports: setup
	$(UV) run python manage.py migrate --noinput -v0
	$(UV) run python manage.py createcachetable
	$(UV) run python bench/reports_generate.py --up-to $(COUNT) --municipalities $(MUNICIPALITIES)
	$(UV) run python bench/reports_bench.py
	$(UV) run python bench/side_by_side.py --min-reports $(COUNT)

## A load run of LOAD_SECONDS (default 30) on the stack of deploy/ as `make stack` boots it (nginx
## with TLS, two gunicorns, db_worker, Redis), on DATABASE_URL's PostgreSQL database itself: 80 % map
## and tracking reads, 15 % submissions, 5 % bookings, 8 clients over HTTPS to nginx, after 5 s of
## warm-up (its errors count, its timings not); prints req/s, p50/p95/p99 and errors (exit 1 on any).
## Rate limits are raised for the run through their settings. Adds reports and bookings: a benchmark
## database. LOAD_PORT_BASE fixes the stack's ports (default: free ones).
LOAD_SECONDS ?= 30
load: setup
	$(UV) run python bench/load.py --seconds $(LOAD_SECONDS)

## Back up the configured database and every uploaded file into one archive in BACKUP_DIR.
BACKUP_DIR ?= backups
backup: setup
	mkdir -p $(BACKUP_DIR)
	$(UV) run python manage.py backup --output $(BACKUP_DIR)

## Restore ARCHIVE into the configured database and storages, which must be empty.
restore: setup
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/obshtina-YYYYmmdd-HHMM.tar"; exit 2; }
	$(UV) run python manage.py restore $(ARCHIVE)
