"""A load run bounded in time: a realistic mix of requests through the stack of deploy/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/obshtina_load \
        uv run python bench/load.py [--seconds 30] [--clients 8] [--port-base 8600]

80 % reads (map data of phone viewports and tracking by number, half each), 15 %
report submissions through the API, 5 % bookings of reception slots by signed-in
citizens (bearer tokens). The stack is the one tests/stack/ boots (its launcher,
running_stack()): nginx with deploy/nginx.conf's server blocks in front of two
gunicorn app servers (deploy/gunicorn.conf.py, its own process count), the db_worker,
Redis, on the configured PostgreSQL database itself (only migrated, kept). The
clients speak HTTPS to nginx on loopback (keep-alive, the launcher's self-signed
certificate trusted). The rate limits are raised for the run through their settings,
as an operator would (API_RATE_LIMIT, REPORT_RATE_LIMIT, RECEPTION_MAX_PENDING), never
switched off; deploy/nginx.conf has no limit_req zones of its own. The data the run
needs (citizens with tokens, free slots, report numbers) is prepared by Django in this
process with the stack's very settings: same database, same Redis, same SECRET_KEY.

Prints requests per second, p50/p95/p99 per kind and overall, the answers by status,
and the errors: a 5xx, a timeout or a broken connection. A refusal the site explains
(a slot someone else has just taken: 409) is an answer, counted apart. The first
--warmup seconds (5) run the same mix on the freshly started app servers and are left
out of the figures, their errors not. Exit status 1 when there was any error. Adds its
submissions and bookings: use a benchmark database.
"""

import argparse
import http.client
import json
import logging
import os
import random
import shutil
import ssl
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.stack.launcher import StackError, running_stack  # noqa: E402

CITIZENS = 40
MIX = [("map", 40), ("track", 40), ("submit", 15), ("book", 5)]
LOAD_LIMITS = {
    "API_RATE_LIMIT": "1000000/m",
    "REPORT_RATE_LIMIT": "1000000/m",
    "RECEPTION_MAX_PENDING": "1000000",
}
REQUEST_SECONDS = 30


class Nginx:
    """Keep-alive HTTPS connections to the stack's nginx, its certificate trusted."""

    def __init__(self, stack):
        self.port = stack.ports.https
        self.context = ssl.create_default_context(cafile=str(stack.certificate))

    def connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=REQUEST_SECONDS
        )


def citizens_with_tokens(count: int) -> list[str]:
    """Bearer headers of `count` benchmark citizens (created once, new tokens each run)."""
    from allauth.account.models import EmailAddress

    from obshtina.accounts.models import User
    from obshtina.api.v1.services import api_token_issue

    headers = []
    for index in range(count):
        user, _ = User.objects.get_or_create(
            email=f"load-{index}@bench.invalid", defaults={"first_name": "Натоварване"}
        )
        # Booking asks for a confirmed e-mail address, as allauth records it.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        _token, secret = api_token_issue(user=user, name="bench/load.py")
        headers.append(f"Bearer {secret}")
    return headers


def free_slots(nginx: Nginx) -> list[tuple[str, str]]:
    """(schedule slug, slot key) of the current schedules' free slots, 8 weeks ahead."""
    from obshtina.reception.models import Schedule

    slots = []
    connection = nginx.connect()
    today = time.strftime("%Y-%m-%d")
    later = time.strftime("%Y-%m-%d", time.localtime(time.time() + 55 * 86400))
    for slug in Schedule.objects.values_list("slug", flat=True):
        connection.request(
            "GET", f"/api/v1/reception/schedules/{quote(slug)}/slots?from={today}&to={later}"
        )
        response = connection.getresponse()
        body = response.read()
        if response.status == 200:
            slots.extend((slug, slot["key"]) for slot in json.loads(body)["slots"])
    connection.close()
    return slots


def request_mix(args, nginx: Nginx) -> tuple[dict, int]:
    """The four kinds of request, each a function of a random generator, and the free slots."""
    import side_by_side  # noqa: F401  (Django set up here, with the stack's settings)

    from bench.as_municipality import as_first_municipality

    return as_first_municipality(_request_mix)(args, nginx)


def _request_mix(args, nginx: Nginx) -> tuple[dict, int]:
    import side_by_side

    from obshtina.organization.models import Settlement
    from obshtina.organization.selectors import current_municipality
    from obshtina.reports.models import Category

    side_by_side.ensure_reports(20_000)
    rng = random.Random(args.seed)
    municipality = current_municipality()
    centres = [(float(s.latitude), float(s.longitude)) for s in Settlement.objects.all()] or [
        (float(municipality.map_center_lat), float(municipality.map_center_lng))
    ]
    viewports = [side_by_side.phone_viewport(rng, centres, municipality) for _ in range(300)]
    numbers = [quote(r.number) for r in side_by_side.sample_reports(rng, 300)]
    categories = list(Category.objects.filter(is_active=True).values_list("pk", flat=True))
    tokens = citizens_with_tokens(CITIZENS)
    south, north = float(municipality.bounds_south), float(municipality.bounds_north)
    west, east = float(municipality.bounds_west), float(municipality.bounds_east)
    slots = free_slots(nginx)
    slot_lock = threading.Lock()

    def submission(rng):
        body = urlencode(
            {
                "category": rng.choice(categories),
                "description": "Натоварване: дупка на пътното платно",
                "lat": f"{rng.uniform(south, north):.6f}",
                "lng": f"{rng.uniform(west, east):.6f}",
            }
        )
        return (
            "POST",
            "/api/v1/reports",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def booking(rng):
        with slot_lock:
            slug, key = slots.pop(rng.randrange(len(slots))) if slots else ("", "")
        body = json.dumps({"schedule": slug, "start": key, "topic": "Натоварване"})
        headers = {"Content-Type": "application/json", "Authorization": rng.choice(tokens)}
        return "POST", "/api/v1/appointments", body, headers

    work = {
        "map": lambda rng: ("GET", rng.choice(viewports), None, {}),
        "track": lambda rng: ("GET", f"/api/v1/track/{rng.choice(numbers)}", None, {}),
        "submit": submission,
        "book": booking,
    }
    return work, len(slots)


class Client(threading.Thread):
    def __init__(self, *, nginx, deadline, rng, work, results):
        super().__init__(daemon=True)
        self.nginx, self.deadline, self.rng, self.work, self.results = (
            nginx,
            deadline,
            rng,
            work,
            results,
        )

    def run(self):
        connection = self.nginx.connect()
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            method, path, body, headers = self.work[kind](self.rng)
            began = time.monotonic()
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = self.nginx.connect()
            self.results.append((kind, status, time.perf_counter() - started, began))
        connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def drive(args, stack) -> tuple[list, list, float]:
    """Prepare the data, warm up, run the clients until the deadline.

    (kind, status, seconds) of the warm-up's requests and of the measured ones, and the
    measured seconds."""
    from aiosmtpd.controller import Controller

    class Discard:
        async def handle_DATA(self, server, session, envelope):
            return "250 Message accepted for delivery"

    # The in-process Django (data preparation) has the stack's settings: same database,
    # Redis and SECRET_KEY. The worker's e-mail goes to an SMTP server that drops it.
    os.environ.update(stack.env)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per command
    smtp = Controller(Discard(), hostname="127.0.0.1", port=stack.ports.smtp)
    smtp.start()
    try:
        nginx = Nginx(stack)
        work, slot_count = request_mix(args, nginx)
        app_servers = len(stack.app_addresses)
        print(
            f"load: {args.clients} clients for {args.warmup} s of warm-up and {args.seconds} s "
            f"over HTTPS to nginx at "
            f"{stack.url}, {app_servers} gunicorn app servers, db_worker, Redis, PostgreSQL; "
            f"{slot_count} free slots to book",
            flush=True,
        )
        results: list = []
        total = args.warmup + args.seconds
        deadline = time.monotonic() + total
        clients = [
            Client(
                nginx=nginx,
                deadline=deadline,
                rng=random.Random(args.seed * 1000 + n),
                work=work,
                results=results,
            )
            for n in range(args.clients)
        ]
        started = time.monotonic()
        for client in clients:
            client.start()
        while any(client.is_alive() for client in clients):
            time.sleep(1)
            elapsed = min(time.monotonic() - started, total)
            print(f"  {elapsed:4.0f}/{total} s, {len(results)} answers", end="\r", flush=True)
        for client in clients:
            client.join()
        measured_from = started + args.warmup
        elapsed = time.monotonic() - measured_from
        print(" " * 60, end="\r")
    finally:
        smtp.stop()
    warmup = [
        (kind, status, seconds) for kind, status, seconds, at in results if at < measured_from
    ]
    measured = [
        (kind, status, seconds) for kind, status, seconds, at in results if at >= measured_from
    ]
    return warmup, measured, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--warmup",
        type=int,
        default=5,
        help="seconds of the same mix first, not in the figures (their errors count)",
    )
    base = os.environ.get("LOAD_PORT_BASE")
    parser.add_argument(
        "--port-base",
        type=int,
        default=int(base) if base else None,
        help="the stack's ports at offsets from it (default: free ports; env LOAD_PORT_BASE)",
    )
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The stack runs on PostgreSQL: set DATABASE_URL=postgres://... (a benchmark one)")
    directory = Path(tempfile.mkdtemp(prefix="obshtina-load-"))
    print(f"load: booting the stack (logs in {directory / 'logs'})…", flush=True)
    limits = {name: os.environ.get(name, value) for name, value in LOAD_LIMITS.items()}
    try:
        with running_stack(
            database_url=url,
            fresh_database=False,
            port_base=args.port_base,
            env=limits,
            app_workers=None,
            directory=directory,
        ) as stack:
            warmup, results, elapsed = drive(args, stack)
    except StackError as error:
        sys.exit(f"The stack did not start: {error}")

    def is_error(status) -> bool:
        return not isinstance(status, int) or status >= 500

    by_kind = defaultdict(list)
    statuses = Counter()
    for kind, status, seconds in results:
        by_kind[kind].append(seconds)
        statuses[(kind, status)] += 1
    everything = [seconds for _kind, _status, seconds in results]
    errors = sum(count for (_kind, status), count in statuses.items() if is_error(status))
    warmup_errors = sum(1 for _kind, status, _seconds in warmup if is_error(status))
    print(f"warm-up: {len(warmup)} answers, errors {warmup_errors} (not in the figures below)")
    for kind, timings in [*sorted(by_kind.items()), ("all", everything)]:
        print(
            f"{kind:<7} {len(timings) / elapsed:7.1f} req/s  p50 {percentile(timings, 0.5):6.1f} ms"
            f"  p95 {percentile(timings, 0.95):6.1f} ms  p99 {percentile(timings, 0.99):6.1f} ms"
        )
    answers = ", ".join(f"{kind} {status}: {n}" for (kind, status), n in sorted(statuses.items()))
    print(f"answers: {answers}")
    print(f"median request {statistics.median(everything) * 1000:.1f} ms; errors {errors}")
    if errors or warmup_errors:
        print(f"see the stack's logs in {directory / 'logs'}")
        sys.exit(1)
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
