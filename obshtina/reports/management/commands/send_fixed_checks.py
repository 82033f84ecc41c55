from django.core.management.base import BaseCommand

from obshtina.organization.hosts import for_each_municipality
from obshtina.reports.services.fixed_checks import fixed_checks_send


class Command(BaseCommand):
    help = (
        "Ask the submitters (and subscribers who wished it) of reports resolved "
        "REPORT_FIXED_CHECK_DAYS ago whether the problem is really fixed. Run once a day "
        "(deploy/obshtina-fixed-checks.timer)."
    )

    def handle(self, **options):
        asked = for_each_municipality(fixed_checks_send)
        self.stdout.write(f"asked {asked} citizen(s) whether their report is really fixed")
