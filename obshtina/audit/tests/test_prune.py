"""Records are kept ACCESS_RECORD_RETENTION_DAYS and then pruned by a command."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from obshtina.audit.models import AccessRecord
from obshtina.audit.services import PRUNE_BATCH

pytestmark = pytest.mark.django_db

NOW = datetime(2031, 1, 1, 0, 30, tzinfo=UTC)  # New Year's night in Sofia


def record_at(moment: datetime) -> AccessRecord:
    return AccessRecord.objects.create(**record_fields(moment))


def record_fields(moment: datetime) -> dict:
    return dict(
        accessed_at=moment,
        staff_name="Петя Служителева",
        staff_email="petya@samokov.bg",
        what=AccessRecord.What.ITEM,
        how=AccessRecord.How.PAGE,
        item_kind=AccessRecord.ItemKind.LETTER,
        client_address="127.0.0.1",
    )


def prune() -> str:
    output = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("prune_access_records", stdout=output)
    return output.getvalue()


def test_only_records_older_than_the_retention_period_are_removed(settings):
    settings.ACCESS_RECORD_RETENTION_DAYS = 1826
    expired = record_at(NOW - timedelta(days=1826, seconds=1))
    kept_at_the_limit = record_at(NOW - timedelta(days=1826))
    recent = record_at(NOW - timedelta(days=1))

    output = prune()

    assert set(AccessRecord.objects.values_list("pk", flat=True)) == {
        kept_at_the_limit.pk,
        recent.pk,
    }
    assert not AccessRecord.objects.filter(pk=expired.pk).exists()
    assert "deleted 1 access record(s)" in output


def test_the_retention_period_is_a_setting(settings):
    settings.ACCESS_RECORD_RETENTION_DAYS = 30
    record_at(NOW - timedelta(days=31))
    record_at(NOW - timedelta(days=29))
    prune()
    assert AccessRecord.objects.count() == 1


def test_a_large_prune_reports_its_progress(settings):
    settings.ACCESS_RECORD_RETENTION_DAYS = 1
    old = NOW - timedelta(days=10)
    AccessRecord.objects.bulk_create(
        [AccessRecord(**record_fields(old)) for _ in range(PRUNE_BATCH + 1)]
    )

    output = prune()

    assert f"{PRUNE_BATCH}/{PRUNE_BATCH + 1}" in output
    assert f"{PRUNE_BATCH + 1}/{PRUNE_BATCH + 1}" in output
    assert AccessRecord.objects.count() == 0
