from django.core.management.base import BaseCommand

from obshtina.notifications.officials import work_digest_send


class Command(BaseCommand):
    help = (
        "E-mail each official who chose the morning digest the work that reached them "
        "since the last one. Run once every morning (cron or a systemd timer)."
    )

    def handle(self, **options):
        queued = work_digest_send()
        self.stdout.write(f"queued {queued} work digest e-mail(s)")
