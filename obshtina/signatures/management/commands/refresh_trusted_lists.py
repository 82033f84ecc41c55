from django.core.management.base import BaseCommand, CommandError

from obshtina.signatures.services.errors import TrustedListError
from obshtina.signatures.services.trusted_lists import trusted_lists_refresh


class Command(BaseCommand):
    help = (
        "Fetch the EU list of lists and the national trusted lists, check their "
        "signatures and keep them (at most once a day unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="fetch even if fresh")

    def handle(self, *args, force=False, **options):
        try:
            lists = trusted_lists_refresh(force=force)
        except TrustedListError as error:
            raise CommandError(f"Trusted lists not refreshed: {error}") from error
        for trusted_list in lists:
            self.stdout.write(
                f"{trusted_list.territory}: {len(trusted_list.services)} qualified CA "
                f"service periods, fetched {trusted_list.fetched_at:%Y-%m-%d %H:%M} UTC"
            )
