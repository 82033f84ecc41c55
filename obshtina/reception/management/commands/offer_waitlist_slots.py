import time

from django.core.management.base import BaseCommand

from obshtina.organization.hosts import for_each_municipality
from obshtina.reception.services.waitlist import waitlist_offers_process


class Command(BaseCommand):
    help = (
        "Pass expired waitlist offers to the next citizen and offer free slots of full "
        "schedules to those waiting. Run it every 10 minutes (systemd timer), or with "
        "--loop beside the development server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=int, default=600, help="Seconds between runs.")

    def handle(self, *, loop: bool, interval: int, **options):
        while True:
            offered = for_each_municipality(waitlist_offers_process)
            self.stdout.write(f"offered {offered} freed slot(s) to waiting citizens")
            if not loop:
                return
            time.sleep(interval)
