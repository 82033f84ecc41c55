"""Restoring an archive of ``obshtina.core.backup`` into an empty database and storage.

Every file is checked against the manifest's checksum twice: as it comes out of the
archive (a damaged archive stops the restore) and when read back from the storage
after saving (what the site will serve is what was backed up).
"""

import json
import posixpath
import tarfile
import tempfile
from pathlib import Path

from django.core.files import File
from django.db.migrations.loader import MigrationLoader

from obshtina.core.backup import (
    FORMAT,
    MANIFEST,
    BackupError,
    FileCounter,
    Progress,
    copy_with_checksum,
    database_empty,
    database_load,
    database_reachable,
    database_tables,
    database_vendor,
    storage_files,
    storages,
    stream_checksum,
)


def backup_restore(
    *, archive: Path, using: str = "default", force: bool = False, progress: Progress = print
) -> dict:
    """Restore `archive`; the manifest. An occupied target is refused unless `force`,
    which first empties the database and both storages."""
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 (closed by the `with` below)
    except OSError as error:
        raise BackupError(f"{archive} cannot be read: {error}") from error
    except tarfile.TarError as error:
        raise BackupError(f"{archive} is not a backup archive (tar).") from error
    with tar:
        manifest = manifest_read(tar)
        vendor = database_vendor(using)
        if manifest["database"]["vendor"] != vendor:
            raise BackupError(
                f"The backup is of a {manifest['database']['vendor']} database; "
                f"the target is {vendor}."
            )
        _refuse_unknown_migrations(manifest)
        database_reachable(using)
        occupied = _occupied(using)
        if occupied and not force:
            raise BackupError(
                f"The target is not empty ({'; '.join(occupied)}). Restore into an empty "
                "database and empty storage, or pass --force to delete what is there first."
            )
        if occupied:
            progress(f"--force: deleting {'; '.join(occupied)}")
            _empty_target(using)
        with tempfile.TemporaryDirectory() as work:
            _restore_members(tar, manifest, Path(work), using, progress)
    _verify_storages(manifest, progress)
    _report_newer_code(manifest, progress)
    return manifest


def manifest_read(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except (KeyError, ValueError) as error:
        raise BackupError(f"The archive has no readable {MANIFEST}: not a backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _refuse_unknown_migrations(manifest: dict) -> None:
    """Data of a newer version would break older code: say so before touching anything."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            f"The backup (version {manifest['version']}) has migrations this code does not "
            f"know: {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}. "
            "Restore with the code that made it."
        )


def _report_newer_code(manifest: dict, progress: Progress) -> None:
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    newer = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations) - applied
    if newer:
        progress(f"{len(newer)} migration(s) are newer than the backup: run manage.py migrate.")


def _occupied(using: str) -> list[str]:
    occupied = []
    if tables := database_tables(using):
        occupied.append(f"the database has {len(tables)} tables")
    for folder, storage in storages().items():
        if next(storage_files(storage), None) is not None:
            occupied.append(f"{folder} has files")
    return occupied


def _empty_target(using: str) -> None:
    database_empty(using)
    for storage in storages().values():
        for name in list(storage_files(storage)):
            storage.delete(name)


def _restore_members(tar, manifest: dict, work: Path, using: str, progress: Progress) -> None:
    expected = manifest["files"]
    targets = storages()
    restored = set()
    counter = None  # after the database (first in the archive), so lines do not cut the bar
    database_restored = False
    database_file = manifest["database"]["file"]
    for member in tar:
        if member.name == database_file:
            dump = work / database_file
            _extract_checked(tar, member, dump, manifest["database"]["sha256"])
            progress(f"database ({manifest['database']['vendor']}): restoring")
            database_load(dump, using)
            database_restored = True
            progress(f"database ({manifest['database']['vendor']}): restored")
        elif member.name in expected:
            folder, name = member.name.split("/", 1)
            spool = work / "file"
            _extract_checked(tar, member, spool, expected[member.name]["sha256"])
            with open(spool, "rb") as content:
                saved = targets[folder].save(name, File(content, name=posixpath.basename(name)))
            if saved != name:
                raise BackupError(f"{member.name} was saved as {saved}; the storage is not empty.")
            restored.add(member.name)
            counter = counter or FileCounter(
                label="files restored", total=len(expected), progress=progress
            )
            counter.step()
    if counter:
        counter.close()
    missing = set(expected) - restored
    if not database_restored:
        missing.add(database_file)
    if missing:
        raise BackupError(f"The archive lacks {len(missing)} file(s), e.g. {min(missing)}.")


def _extract_checked(tar, member, target: Path, checksum: str) -> None:
    with tar.extractfile(member) as source, open(target, "wb") as output:
        _size, actual = copy_with_checksum(source, output)
    if actual != checksum:
        raise BackupError(f"{member.name} is damaged in the archive (checksum differs).")


def _verify_storages(manifest: dict, progress: Progress) -> None:
    targets = storages()
    for member, expected in manifest["files"].items():
        folder, name = member.split("/", 1)
        with targets[folder].open(name, "rb") as source:
            size, checksum = stream_checksum(source)
        if (size, checksum) != (expected["size"], expected["sha256"]):
            raise BackupError(f"{member} differs from the backup after restoring it.")
    progress(f"verified {len(manifest['files']):,} files against the manifest")
