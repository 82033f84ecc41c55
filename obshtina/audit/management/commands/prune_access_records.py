from django.conf import settings
from django.core.management.base import BaseCommand

from obshtina.audit.services import access_records_prune
from obshtina.organization.hosts import for_each_municipality


class Command(BaseCommand):
    help = (
        "Delete the records of who looked at personal data that are older than "
        "ACCESS_RECORD_RETENTION_DAYS. Run once a day (deploy/obshtina-prune-access-records.timer)."
    )

    def handle(self, **options):
        days = settings.ACCESS_RECORD_RETENTION_DAYS
        self.stdout.write(f"keeping access records of the last {days} days")
        deleted = for_each_municipality(lambda: access_records_prune(progress=self._progress))
        self.stdout.write(f"deleted {deleted} access record(s)")

    def _progress(self, deleted: int, total: int) -> None:
        self.stdout.write(f"  {deleted}/{total}")
