import time
from collections import Counter

from django.core.management.base import BaseCommand

from obshtina.notifications.selectors import notification_counts
from obshtina.notifications.services import notifications_deliver_due
from obshtina.organization.hosts import each_municipality


class Command(BaseCommand):
    help = (
        "Deliver every due notification once (for cron), or keep sweeping with --loop. "
        "Catches anything the background worker missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until stopped.")
        parser.add_argument(
            "--interval", type=float, default=30, help="Seconds between sweeps with --loop."
        )
        parser.add_argument("--limit", type=int, default=100, help="Notifications per sweep.")

    def handle(self, *, loop, interval, limit, **options):
        while True:
            self.sweep(limit)
            if not loop:
                return
            time.sleep(interval)

    def sweep(self, limit: int) -> None:
        sent, counts = 0, Counter()
        for _ in each_municipality():
            sent += notifications_deliver_due(limit=limit)
            counts.update(notification_counts())
        self.stdout.write(
            f"sent {sent}; pending {counts['pending']}; failed (gave up) {counts['failed']}"
        )
