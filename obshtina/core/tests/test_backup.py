"""A backup restored into an empty database and storage is the site as it was.

The restore target is a second, empty database (on PostgreSQL a new database on the
same server, on SQLite a new file) with empty file folders: the site's connection is
pointed there, as a deployment's DATABASE_URL would point a fresh machine, and the
real commands and services run against it. Data is committed (transactional tests),
because pg_dump reads the database from another process.
"""

import io
import os
import shutil
import tarfile
import uuid
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from obshtina.core.tests.documents import pdf_bytes
from obshtina.correspondence.models import Attachment, Correspondence
from obshtina.correspondence.tests.factories import file_document
from obshtina.registry.tests.factories import RegistrySeriesFactory
from obshtina.reports.models import Report, ReportPhoto
from obshtina.reports.tests.factories import submit_report
from obshtina.reports.tests.submit_photos import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_tools():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        message = "pg_dump/pg_restore not found: install Debian's postgresql-client."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def empty_site(tmp_path):
    """`with empty_site():` the site runs on a new, empty database and empty storages."""
    saved = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"{saved['NAME']}_restore_{uuid.uuid4().hex[:12]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    else:
        name = str(tmp_path / "restored.sqlite3")

    @contextmanager
    def switched():
        connection.close()
        connection.settings_dict["NAME"] = name
        try:
            with override_settings(
                MEDIA_ROOT=tmp_path / "restored-media",
                PRIVATE_MEDIA_ROOT=tmp_path / "restored-private-media",
            ):
                yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)

    yield switched
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)"
            )


def small_data_set() -> dict:
    """Reports with photos and a letter with attachments, through the real services;
    what a restore must give back: numbers and every file's content by name."""
    RegistrySeriesFactory(code="reports", name="Сигнали", prefix="С")
    RegistrySeriesFactory(code="letters", name="Писма", prefix="П")
    submit_report(photos=[jpeg_bytes()])
    submit_report(photos=[jpeg_bytes((320, 240), noise=True), jpeg_bytes((200, 100))])
    submit_report()
    file_document(
        attachments=[
            (SimpleUploadedFile("молба.pdf", pdf_bytes(), "application/pdf"), "application/pdf"),
            (
                SimpleUploadedFile("скица.pdf", pdf_bytes(pages=2), "application/pdf"),
                "application/pdf",
            ),
        ]
    )
    return site_contents()


def site_contents() -> dict:
    return {
        "reports": sorted(Report.objects.values_list("number", flat=True)),
        "letters": sorted(Correspondence.objects.values_list("number", flat=True)),
        "photos": {photo.image.name: content(photo.image) for photo in ReportPhoto.objects.all()},
        "attachments": {
            attachment.file.name: content(attachment.file)
            for attachment in Attachment.objects.all()
        },
    }


def content(field_file) -> bytes:
    with field_file.open("rb"):
        return field_file.read()


def test_a_restored_backup_has_every_item_attachment_and_photo_and_numbers_go_on(
    empty_site, tmp_path
):
    before = small_data_set()
    archive = tmp_path / "obshtina.tar"
    call_command("backup", output=archive, verbosity=0)

    with empty_site():
        call_command("restore", archive, verbosity=0)
        after = site_contents()
        report = submit_report(photos=[jpeg_bytes()])
        letter = file_document()

    assert len(before["photos"]) == 3 and len(before["attachments"]) == 2
    assert after == before
    # The next numbers follow the last ones issued: none is given twice.
    assert report.registry_number.number == sequence_number(before["reports"][-1]) + 1
    assert letter.registry_number.number == sequence_number(before["letters"][-1]) + 1


def sequence_number(code: str) -> int:
    """123 of "С-2026-000123"."""
    return int(code.rsplit("-", 1)[1])


def test_a_restore_into_a_site_with_data_is_refused_and_changes_nothing(tmp_path):
    before = small_data_set()
    archive = tmp_path / "obshtina.tar"
    call_command("backup", output=archive, verbosity=0)
    submit_report()

    with pytest.raises(CommandError, match=r"not empty.*--force"):
        call_command("restore", archive, verbosity=0)

    assert len(site_contents()["reports"]) == len(before["reports"]) + 1


def test_a_damaged_file_in_the_archive_stops_the_restore(empty_site, tmp_path):
    small_data_set()
    archive = tmp_path / "obshtina.tar"
    call_command("backup", output=archive, verbosity=0)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source:
            content = source.extractfile(member)
            if member.name.startswith("private-media/"):
                data = bytearray(content.read())
                data[len(data) // 2] ^= 0xFF
                content = io.BytesIO(bytes(data))
            target.addfile(member, content)

    with empty_site(), pytest.raises(CommandError, match=r"private-media/.*damaged"):
        call_command("restore", damaged, verbosity=0)


def test_a_backup_into_a_folder_keeps_the_newest_archives(tmp_path, time_machine):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    for night in ("2026-11-28", "2026-11-29", "2026-11-30"):
        time_machine.move_to(f"{night} 00:30:00+00:00")
        call_command("backup", output=folder, keep=2, verbosity=0)

    assert sorted(path.name for path in folder.iterdir()) == [
        "notes.txt",
        "obshtina-20261129-0030.tar",
        "obshtina-20261130-0030.tar",
    ]


def test_files_on_a_storage_without_folders_are_backed_up_and_restored(
    empty_site, tmp_path, settings
):
    # Object storage (S3) has no file system path: the commands use the storage API only.
    in_memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": in_memory}
    before = small_data_set()
    archive = tmp_path / "obshtina.tar"
    call_command("backup", output=archive, verbosity=0)

    with empty_site(), override_settings(STORAGES={**settings.STORAGES, "default": in_memory}):
        call_command("restore", archive, verbosity=0)
        after = site_contents()

    assert not (tmp_path / "media").exists()
    assert after["photos"] == before["photos"]


def test_an_output_that_is_neither_a_folder_nor_a_tar_name_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"existing folder or a name ending in \.tar"):
        call_command("backup", output=tmp_path / "no-such-folder", verbosity=0)

    assert list(tmp_path.iterdir()) == []
