"""A load run bounded in time: a realistic mix of requests against gunicorn from deploy/.

    uv run python bench/load.py [--seconds 30] [--clients 8]

80 % reads (map data of phone viewports and tracking by number, half each), 15 %
report submissions through the API, 5 % bookings of reception slots by signed-in
citizens (bearer tokens). Starts gunicorn as bench/side_by_side.py does (3 workers x
2 threads, production settings) on the configured database and cache; the rate
limits are raised for the run through their environment settings, as an operator
would (API_RATE_LIMIT, REPORT_RATE_LIMIT, RECEPTION_MAX_PENDING), never switched off.

Prints requests per second, p50/p95/p99 per kind and overall, the answers by status,
and the errors: a 5xx, a timeout or a broken connection. A refusal the site explains
(a slot someone else has just taken: 409) is an answer, counted apart. Exit status 1
when there was any error. Adds its submissions and bookings: use a benchmark database.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import side_by_side
from allauth.account.models import EmailAddress

from obshtina.accounts.models import User
from obshtina.api.v1.services import api_token_issue
from obshtina.organization.models import Settlement
from obshtina.organization.selectors import current_municipality
from obshtina.reception.models import Schedule
from obshtina.reports.models import Category

CITIZENS = 40
MIX = [("map", 40), ("track", 40), ("submit", 15), ("book", 5)]
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
LOAD_LIMITS = {
    "API_RATE_LIMIT": "1000000/m",
    "REPORT_RATE_LIMIT": "1000000/m",
    "RECEPTION_MAX_PENDING": "1000000",
}


def citizens_with_tokens(count: int) -> list[str]:
    """Bearer headers of `count` benchmark citizens (created once, new tokens each run)."""
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


def free_slots(port: int) -> list[tuple[str, str]]:
    """(schedule slug, slot key) of the current schedules' free slots, 8 weeks ahead."""
    slots = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for slug in Schedule.objects.values_list("slug", flat=True):
        today = time.strftime("%Y-%m-%d")
        later = time.strftime("%Y-%m-%d", time.localtime(time.time() + 55 * 86400))
        connection.request(
            "GET",
            f"/api/v1/reception/schedules/{quote(slug)}/slots?from={today}&to={later}",
            headers=HEADERS,
        )
        response = connection.getresponse()
        body = response.read()
        if response.status == 200:
            slots.extend((slug, slot["key"]) for slot in json.loads(body)["slots"])
    connection.close()
    return slots


class Client(threading.Thread):
    def __init__(self, *, port, deadline, rng, work, results):
        super().__init__(daemon=True)
        self.port, self.deadline, self.rng, self.work, self.results = (
            port,
            deadline,
            rng,
            work,
            results,
        )

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            method, path, body, headers = self.work[kind](self.rng)
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers={**HEADERS, **headers})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.results.append((kind, status, time.perf_counter() - started))
        connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", 8530)))
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    os.environ.update({name: os.environ.get(name, value) for name, value in LOAD_LIMITS.items()})
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

    port = side_by_side.free_port(args.port)
    log_path = Path(tempfile.gettempdir()) / f"load-{port}.log"
    with open(log_path, "w") as log:
        server = side_by_side.start_server(port, log)
        try:
            slots = free_slots(port)
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
            print(
                f"load: {args.clients} clients for {args.seconds} s against gunicorn "
                f"(3 workers x 2 threads) on {side_by_side.connection.vendor}; "
                f"{len(slots)} free slots to book"
            )
            results: list = []
            deadline = time.monotonic() + args.seconds
            clients = [
                Client(
                    port=port,
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
                elapsed = min(time.monotonic() - started, args.seconds)
                print(f"  {elapsed:4.0f}/{args.seconds} s, {len(results)} answers", end="\r")
            for client in clients:
                client.join()
            elapsed = time.monotonic() - started
            print(" " * 60, end="\r")
        finally:
            server.terminate()
            server.wait(timeout=30)

    def is_error(status) -> bool:
        return not isinstance(status, int) or status >= 500

    by_kind = defaultdict(list)
    statuses = Counter()
    for kind, status, seconds in results:
        by_kind[kind].append(seconds)
        statuses[(kind, status)] += 1
    everything = [seconds for _kind, _status, seconds in results]
    errors = sum(count for (_kind, status), count in statuses.items() if is_error(status))
    for kind, timings in [*sorted(by_kind.items()), ("all", everything)]:
        print(
            f"{kind:<7} {len(timings) / elapsed:7.1f} req/s  p50 {percentile(timings, 0.5):6.1f} ms"
            f"  p95 {percentile(timings, 0.95):6.1f} ms  p99 {percentile(timings, 0.99):6.1f} ms"
        )
    answers = ", ".join(f"{kind} {status}: {n}" for (kind, status), n in sorted(statuses.items()))
    print(f"answers: {answers}")
    print(f"median request {statistics.median(everything) * 1000:.1f} ms; errors {errors}")
    if errors:
        print(f"see {log_path}")
        sys.exit(1)


if __name__ == "__main__":
    main()
