"""Serve the site together with its background processes, for local use.

Production runs them as separate services (see deploy/).
"""

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

BACKGROUND = [
    # Runs jobs as they are enqueued (e-mail delivery and its retries).
    ["db_worker"],
    # The safety net: delivers any due notification whose job was lost.
    ["deliver_notifications", "--loop", "--interval", "60"],
    # Reminders of reception meetings, at the hours each schedule chooses.
    ["send_appointment_reminders", "--loop", "--interval", "600"],
    # Expired waitlist offers passed on, freed reception slots offered.
    ["offer_waitlist_slots", "--loop", "--interval", "600"],
]


class Command(BaseCommand):
    help = "Runs the development server with the background worker and the outbox sweep."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # `kill` (SIGTERM, as systemd or a terminal closing sends it) must stop the
        # background processes too, not only Ctrl-C: turn it into an orderly exit.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        processes = [subprocess.Popen([sys.executable, "manage.py", *argv]) for argv in BACKGROUND]
        for argv, process in zip(BACKGROUND, processes, strict=True):
            self.stdout.write(self.style.SUCCESS(f"Started {argv[0]} (pid {process.pid})."))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def _exit_on_signal(number, frame):
    raise SystemExit(128 + number)
