from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from obshtina.core.backup import BackupError
from obshtina.core.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into the configured database and storages, "
        "which must be empty (a new database, no tables; no uploaded files). Every file is "
        "checked against the manifest's checksums. --force first deletes every table and "
        "every uploaded file of the target."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete the target's tables and files first (they are lost)",
        )

    def handle(self, *, archive: Path, force: bool, verbosity: int, **options):
        def progress(line):
            if verbosity:
                self.stdout.write(line)

        try:
            backup_restore(archive=archive, force=force, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        progress(f"restored {archive}")
