from django.core.management.base import BaseCommand

from obshtina.notifications.officials import work_digest_send
from obshtina.organization.hosts import for_each_municipality


class Command(BaseCommand):
    help = (
        "E-mail each official who chose the morning digest the work that reached them "
        "since the last one. Run once every morning (cron or a systemd timer)."
    )

    def handle(self, **options):
        queued = for_each_municipality(work_digest_send)
        self.stdout.write(f"queued {queued} work digest e-mail(s)")
