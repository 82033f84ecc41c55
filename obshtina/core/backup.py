"""Backups: the database and every uploaded file in one archive, and back.

The archive is a tar file holding

- ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's
  online backup API): a consistent snapshot, taken first;
- ``media/…`` (the ``default`` storage: report photos, published forms) and
  ``private-media/…`` (``private_storage``: letters' attachments), taken after it;
- ``manifest.json``: version, date, database vendor, the applied migrations, and for
  every file its size and SHA-256 checksum.

Why this order is consistent: a file is saved before the row that names it commits,
so every file named by a row of the snapshot is already in the storage when the
files are copied. A file written after the snapshot is copied too; it is harmless
(nothing names it). The one gap: a file replaced during the backup (an editor's new
version of a published form; the old file is deleted once the change commits) may be
named by the snapshot and gone from the storage; the next backup has the new one.

Files are read and written only through Django's storage API, so the same commands
work with files on a directory or on object storage (S3).
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import django
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from tqdm import tqdm

from obshtina.core.storage import select_private_storage

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024
ARCHIVE_PREFIX = "obshtina-"

Progress = Callable[[str], None]


class FileCounter:
    """Counts files as they are copied: a progress bar on a terminal (tqdm, as in
    bench/), a line every 1,000 files where the output is a log (systemd's journal)."""

    def __init__(self, *, label: str, total: int, progress: Progress):
        self.label, self.progress, self.count = label, progress, 0
        self.bar = tqdm(total=total, desc=label, unit="files", disable=None, leave=False)

    def step(self) -> None:
        self.count += 1
        self.bar.update()
        if self.bar.disable and self.count % 1000 == 0:
            self.progress(f"{self.label}: {self.count:,} files")

    def close(self) -> None:
        self.bar.close()
        self.progress(f"{self.label}: {self.count:,} files")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


def storages() -> dict[str, Storage]:
    """The archive's folder for each storage of uploaded files."""
    return {"media": default_storage, "private-media": select_private_storage()}


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in a storage, in a stable order; a missing root is empty."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(folder, directory))


def copy_with_checksum(source, target) -> tuple[int, str]:
    """Copy a file object to another; its size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def stream_checksum(source) -> tuple[int, str]:
    """Size and SHA-256 of what a file object holds, read in chunks."""
    return copy_with_checksum(source, _Discard())


def file_checksum(path: Path) -> tuple[int, str]:
    with open(path, "rb") as source:
        return stream_checksum(source)


class _Discard:
    def write(self, chunk):
        pass


def project_version() -> str:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


def database_vendor(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def database_reachable(using: str = "default") -> None:
    try:
        connections[using].ensure_connection()
    except DatabaseError as error:
        raise BackupError(f"The database cannot be reached: {error}".strip()) from error


def _refuse_missing_database(using: str) -> None:
    """Backing up nothing is a wrong setting (connecting would create an empty SQLite file)."""
    connection = connections[using]
    name = str(connection.settings_dict["NAME"])
    if (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not Path(name).is_file()
    ):
        raise BackupError(f"There is no SQLite database at {name}: check DATABASE_URL.")
    database_reachable(using)
    if not database_tables(using):
        raise BackupError(f"The database {name} has no tables: check DATABASE_URL.")


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- PostgreSQL: the real tools -----------------------------------------------


def postgres_environment(using: str = "default") -> dict[str, str]:
    """libpq's variables for the connection: the password never goes on a command line."""
    params = connections[using].settings_dict
    environment = dict(os.environ)
    for variable, value in {
        "PGHOST": params.get("HOST"),
        "PGPORT": params.get("PORT"),
        "PGUSER": params.get("USER"),
        "PGPASSWORD": params.get("PASSWORD"),
        "PGDATABASE": params.get("NAME"),
        "PGSSLMODE": params.get("OPTIONS", {}).get("sslmode"),
    }.items():
        if value:
            environment[variable] = str(value)
    return environment


def postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client tools of the server's major "
            "version (Debian: postgresql-client)."
        )
    return path


def postgres_run(arguments: list[str], using: str) -> None:
    result = subprocess.run(
        arguments, env=postgres_environment(using), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{Path(arguments[0]).name} failed: {result.stderr.strip()}")


def database_dump(target: Path, using: str = "default") -> None:
    """A consistent snapshot of the database into `target`."""
    if database_vendor(using) == "postgresql":
        postgres_run([postgres_tool("pg_dump"), "--format=custom", "--file", str(target)], using)
        return
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def database_load(source: Path, using: str = "default") -> None:
    """Load a snapshot into the (empty) database."""
    connection = connections[using]
    if database_vendor(using) == "postgresql":
        connection.close()
        postgres_run(
            [
                postgres_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ],
            using,
        )
        return
    connection.ensure_connection()
    snapshot = sqlite3.connect(source)
    try:
        snapshot.backup(connection.connection)
    finally:
        snapshot.close()
        connection.close()


def database_tables(using: str = "default") -> list[str]:
    with connections[using].cursor() as cursor:
        return connections[using].introspection.table_names(cursor)


def database_empty(using: str = "default") -> None:
    """Drop every table (restore --force)."""
    connection = connections[using]
    tables = database_tables(using)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if tables:
                names = ", ".join(connection.ops.quote_name(table) for table in tables)
                cursor.execute(f"DROP TABLE {names} CASCADE")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        for table in tables:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    connection.close()


# --- Writing an archive -------------------------------------------------------


def archive_name(moment=None) -> str:
    """E.g. obshtina-20261202-0230.tar (UTC, so names sort by time all year)."""
    moment = (moment or timezone.now()).astimezone(datetime.UTC)
    return f"{ARCHIVE_PREFIX}{moment:%Y%m%d-%H%M}.tar"


def backup_write(*, output: Path, using: str = "default", progress: Progress = print) -> dict:
    """Write the archive to `output` (refused if it exists); the manifest written.

    The archive appears under its name only when complete (written beside it, then
    renamed), so a half-written backup is never taken for a good one.
    """
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; a backup never overwrites one.")
    vendor = database_vendor(using)
    _refuse_missing_database(using)
    created_at = timezone.now()
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE_FILES[vendor]
        migrations = applied_migrations(using)
        progress(f"database ({vendor}): taking a snapshot")
        database_dump(dump, using)
        size, checksum = file_checksum(dump)
        progress(f"database ({vendor}): {size:,} bytes")
        manifest = {
            "format": FORMAT,
            "application": "obshtina",
            "version": project_version(),
            "django": django.get_version(),
            "created_at": created_at.isoformat(),
            "database": {
                "vendor": vendor,
                "file": dump.name,
                "size": size,
                "sha256": checksum,
            },
            "migrations": migrations,
            "storages": {},
            "files": {},
        }
        try:
            with tarfile.open(partial, "w") as archive:
                archive.add(dump, arcname=dump.name)
                for folder, storage in storages().items():
                    count = _write_storage(archive, folder, storage, manifest, Path(work), progress)
                    manifest["storages"][folder] = count
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            partial.rename(output)
        except OSError as error:
            raise BackupError(f"Cannot write {output}: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _write_storage(archive, folder, storage, manifest, work: Path, progress: Progress) -> int:
    names = list(storage_files(storage))
    counter = FileCounter(label=folder, total=len(names), progress=progress)
    for name in names:
        spool = work / "file"
        with storage.open(name, "rb") as source, open(spool, "wb") as target:
            size, checksum = copy_with_checksum(source, target)
        member = f"{folder}/{name}"
        archive.add(spool, arcname=member)
        manifest["files"][member] = {"size": size, "sha256": checksum}
        counter.step()
    counter.close()
    return counter.count


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def backups_prune(*, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives of this command in `folder`; the deleted.

    Only complete archives named by `archive_name` count, so other files are never
    touched, and the newest are kept even if backups stopped for a while.
    """
    if keep < 1:
        raise ValueError("keep at least one archive")
    old = sorted(Path(folder).glob(f"{ARCHIVE_PREFIX}*.tar"))[:-keep]
    for path in old:
        path.unlink()
    return old
