"""The registry number is the last step of a submission: many at once, a late failure, a new year.

The threads use real, separate database connections (PostgreSQL, or a file
SQLite database), as gunicorn's threads do.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import DatabaseError, connection

from obshtina.core.images import clean_image
from obshtina.core.tests.threads import run_in_threads, skip_unless_threads_share_the_database
from obshtina.notifications.models import Notification
from obshtina.notifications.services import notification_prepare
from obshtina.registry.models import RegistryCounter, RegistryNumber
from obshtina.reports.models import Report, ReportPhoto
from obshtina.reports.services import notify

from .factories import CategoryFactory, submit_report
from .submit_photos import photo_upload

THREADS = 8
REPORTS_PER_THREAD = 5
MID_2031 = datetime(2031, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def threads_share_the_database():
    skip_unless_threads_share_the_database()


def assert_registry_journal_is_consecutive(year: int) -> list[int]:
    """Every committed report has its own number; the year's numbers are 1…n without gaps."""
    numbers = sorted(
        RegistryNumber.objects.filter(series__code="reports", year=year).values_list(
            "number", flat=True
        )
    )
    assert numbers == list(range(1, len(numbers) + 1))
    for report in Report.objects.select_related("registry_number"):
        assert report.number == report.registry_number.code
        assert report.registry_number.item == report
    return numbers


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("threads_share_the_database")
def test_reports_submitted_at_once_get_consecutive_numbers_without_gaps():
    category = CategoryFactory()

    def submit_several():
        return [
            submit_report(category=category, submitter_email="maria@example.bg").number
            for _ in range(REPORTS_PER_THREAD)
        ]

    with time_machine.travel(MID_2031, tick=True):
        codes, errors = run_in_threads(submit_several, THREADS)

    assert errors == []
    total = THREADS * REPORTS_PER_THREAD
    assert sorted(codes) == [f"С-2031-{n:06d}" for n in range(1, total + 1)]
    assert assert_registry_journal_is_consecutive(2031) == list(range(1, total + 1))
    # Each submitter's e-mail shows the number its report got.
    notifications = Notification.objects.filter(template="report_registered")
    assert notifications.count() == total
    for notification in notifications:
        report = Report.objects.get(pk=notification.about_id)
        assert report.number in notification.subject
        assert report.number in notification.text_body


def refuse_outbox_rows():
    """A late step fails for real: the database refuses the submitter's e-mail row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION outbox_down() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'outbox down'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER outbox_down BEFORE INSERT ON notifications_notification "
                "FOR EACH ROW EXECUTE FUNCTION outbox_down()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER outbox_down BEFORE INSERT ON notifications_notification "
                "BEGIN SELECT RAISE(ABORT, 'outbox down'); END"
            )


def restore_outbox():
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER outbox_down"
            + (" ON notifications_notification" if connection.vendor == "postgresql" else "")
        )
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION outbox_down()")


@pytest.mark.django_db(transaction=True)
def test_a_submission_failing_after_its_number_leaves_no_gap_no_report_and_no_photo():
    category = CategoryFactory()
    photo = clean_image(photo_upload())
    with time_machine.travel(MID_2031, tick=True):
        first = submit_report(category=category)
        refuse_outbox_rows()
        try:
            with pytest.raises(DatabaseError):
                submit_report(category=category, submitter_email="maria@example.bg", photos=[photo])
        finally:
            restore_outbox()
        after = submit_report(category=category, submitter_email="maria@example.bg")

    assert (first.number, after.number) == ("С-2031-000001", "С-2031-000002")
    assert Report.objects.count() == 2
    assert not ReportPhoto.objects.exists()
    assert assert_registry_journal_is_consecutive(2031) == [1, 2]
    assert RegistryCounter.objects.get(series__code="reports", year=2031).last_number == 2
    assert list(Path(settings.MEDIA_ROOT).rglob("*.jpg")) == []


@pytest.mark.django_db
def test_the_email_rendered_before_the_number_reads_as_if_rendered_after_it():
    report = submit_report(submitter_email="maria@example.bg")
    stored = Notification.objects.get(template="report_registered")

    report.refresh_from_db()
    rendered = notification_prepare(
        to_email=report.submitter_email,
        template="report_registered",
        context={
            **notify._public_values(report),
            "access_url": settings.SITE_URL + report.get_access_url(),
        },
        about=report,
    ).rows[0]
    assert report.number in stored.subject
    assert (stored.subject, stored.text_body, stored.html_body) == (
        " ".join(rendered["subject"].split()),
        rendered["text_body"],
        rendered["html_body"],
    )
    assert notify.PENDING_NUMBER not in stored.text_body + stored.html_body


@pytest.mark.django_db
def test_numbers_start_again_at_one_at_midnight_in_sofia():
    category = CategoryFactory()
    # 23:30 and 00:30 in Sofia (UTC+2 in winter): the same UTC date, two registry years.
    with time_machine.travel(datetime(2030, 12, 31, 21, 30, tzinfo=UTC), tick=False):
        last_of_2030 = [submit_report(category=category).number for _ in range(2)][-1]
    with time_machine.travel(datetime(2030, 12, 31, 22, 30, tzinfo=UTC), tick=False):
        first_of_2031 = submit_report(category=category)

    assert last_of_2030 == "С-2030-000002"
    assert first_of_2031.number == "С-2031-000001"
    assert first_of_2031.registry_number.year == 2031
