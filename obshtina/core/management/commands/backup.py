from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from obshtina.core.backup import BackupError, archive_name, backup_write, backups_prune


class Command(BaseCommand):
    help = (
        "Write one archive (tar) with a consistent snapshot of the database (pg_dump on "
        "PostgreSQL, the online backup API on SQLite), taken first, then every uploaded "
        "file, public and private, read through the storage API, and a manifest with "
        "checksums. --output names the archive, or a folder to write "
        "obshtina-YYYYmmdd-HHMM.tar (UTC) into; --keep N then deletes all but the newest "
        "N archives there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="archive or folder")
        parser.add_argument(
            "--keep", type=int, help="with a folder: keep only the newest N archives there"
        )

    def handle(self, *, output: Path, keep: int | None, verbosity: int, **options):
        if keep is not None and (keep < 1 or not output.is_dir()):
            raise CommandError("--keep needs a positive number and an existing folder as --output.")
        if not output.is_dir() and output.suffix != ".tar":
            # A mistyped or not yet created folder would otherwise become a file of its name.
            raise CommandError(
                f"--output must be an existing folder or a name ending in .tar: {output}"
            )
        target = output / archive_name() if output.is_dir() else output

        def progress(line):
            if verbosity:
                self.stdout.write(line)

        try:
            manifest = backup_write(output=target, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        progress(f"wrote {target} ({len(manifest['files']):,} files)")
        if keep:
            for path in backups_prune(folder=output, keep=keep):
                progress(f"deleted the older {path.name}")
