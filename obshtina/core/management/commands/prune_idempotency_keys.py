from django.core.management.base import BaseCommand

from obshtina.core.idempotency import idempotency_keys_prune


class Command(BaseCommand):
    help = (
        "Forget the Idempotency-Keys (and their stored answers) older than "
        "IDEMPOTENCY_KEY_HOURS. Run it hourly (systemd timer); an expired key is free "
        "again even before it is pruned."
    )

    def handle(self, **options):
        pruned = idempotency_keys_prune()
        if options["verbosity"]:
            self.stdout.write(f"pruned {pruned} idempotency key(s)")
