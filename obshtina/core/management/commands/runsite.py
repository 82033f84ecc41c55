"""Serve the site together with its background worker, for local use.

Production runs the two as separate services (see deploy/).
"""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Runs the development server and the background worker (django-tasks db_worker) together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"])
        self.stdout.write(self.style.SUCCESS(f"Background worker started (pid {worker.pid})."))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
