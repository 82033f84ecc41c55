from datetime import date

from django.core.management.base import BaseCommand

from obshtina.correspondence.services.procedure import access_close_unclarified
from obshtina.organization.hosts import for_each_municipality


class Command(BaseCommand):
    help = (
        "Close the access-to-information requests whose 30 days to clarify have passed "
        "(ЗДОИ, чл. 29, ал. 2). Run once a day (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            type=date.fromisoformat,
            help="Count the terms as of this day (YYYY-MM-DD); default: today.",
        )

    def handle(self, *, day: date | None, **options):
        closed = for_each_municipality(lambda: access_close_unclarified(today=day))
        self.stdout.write(f"closed {closed} unclarified access request(s)")
