from datetime import date

from django.core.management.base import BaseCommand

from obshtina.correspondence.services.desk import due_digest_send
from obshtina.organization.hosts import for_each_municipality


class Command(BaseCommand):
    help = (
        "E-mail every officer the letters and access requests they must act on: overdue, "
        "due today and due this week. Run each morning (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            type=date.fromisoformat,
            help="Count from this day (YYYY-MM-DD); default: today in Europe/Sofia.",
        )

    def handle(self, *, day: date | None, **options):
        queued = for_each_municipality(lambda: due_digest_send(today=day))
        self.stdout.write(f"queued {queued} due-date digest e-mail(s)")
