import time

from django.core.management.base import BaseCommand

from obshtina.edelivery.inbox import inbox_enabled, inbox_read
from obshtina.edelivery.services import (
    deliveries_check_due,
    deliveries_send_due,
    edelivery_enabled,
)
from obshtina.organization.hosts import each_municipality


class Command(BaseCommand):
    help = (
        "Send every due e-Delivery (ССЕВ) delivery and check the status of sent messages "
        "once (for a timer), or keep sweeping with --loop; with ACCESS_PLATFORM on, also "
        "register the ЗДОИ requests received in the municipality's profile. Does nothing "
        "while EDELIVERY_ENABLED is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until stopped.")
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between sweeps with --loop."
        )
        parser.add_argument("--limit", type=int, default=50, help="Deliveries per sweep.")

    def handle(self, *, loop, interval, limit, **options):
        while True:
            self.sweep(limit)
            if not loop:
                return
            time.sleep(interval)

    def sweep(self, limit: int) -> None:
        if not edelivery_enabled():
            self.stdout.write("e-Delivery is off (EDELIVERY_ENABLED)")
            return
        sent = checked = 0
        for _ in each_municipality():
            sent += deliveries_send_due(limit=limit)
            checked += deliveries_check_due(limit=limit)
        report = f"sent {sent}; checked {checked}"
        if inbox_enabled():
            report += f"; received {inbox_read()}"
        self.stdout.write(report)
