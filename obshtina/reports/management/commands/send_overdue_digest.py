from datetime import date

from django.core.management.base import BaseCommand

from obshtina.organization.hosts import for_each_municipality
from obshtina.reports.services.deadlines import overdue_digest_send


class Command(BaseCommand):
    help = (
        "E-mail each unit head the list of their unit's overdue reports. Run once a day "
        "(cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            type=date.fromisoformat,
            help="Count as overdue by the start of this day (YYYY-MM-DD); default: now.",
        )

    def handle(self, *, day: date | None, **options):
        queued = for_each_municipality(lambda: overdue_digest_send(today=day))
        self.stdout.write(f"queued {queued} overdue digest e-mail(s)")
