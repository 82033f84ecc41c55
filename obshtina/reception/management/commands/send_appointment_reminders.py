import time

from django.core.management.base import BaseCommand

from obshtina.organization.hosts import for_each_municipality
from obshtina.reception.services.reminders import (
    appointment_reminders_send,
    appointment_requests_expire,
)


class Command(BaseCommand):
    help = (
        "Remind citizens of approved meetings at the hours before them that each schedule "
        "chooses (each reminder once) and close requests whose time passed without a "
        "decision. Run it "
        "hourly (systemd timer), or with --loop beside the development server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=int, default=600, help="Seconds between runs.")

    def handle(self, *, loop: bool, interval: int, **options):
        while True:
            sent = for_each_municipality(appointment_reminders_send)
            expired = for_each_municipality(appointment_requests_expire)
            self.stdout.write(f"queued {sent} reminder(s), closed {expired} undecided request(s)")
            if not loop:
                return
            time.sleep(interval)
