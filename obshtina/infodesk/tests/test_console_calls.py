"""The operator logs each call; the contact centre's head sees the day's counts."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.infodesk.models import CallLog
from obshtina.infodesk.services.calls import call_log_record

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")


def test_a_call_is_recorded_with_its_operator_and_numbers(client, operator):
    response = client.post(
        reverse("infodesk:console_call"),
        {
            "topic": "Адресна регистрация",
            "outcome": CallLog.Outcome.ANSWERED,
            "linked_numbers": "С-2025-000001, В-2025-000002",
            "caller_phone": "0888 123 456",
        },
    )

    call = CallLog.objects.get()
    assert response.status_code == 200
    assert "е записано" in response.content.decode()
    assert call.operator == operator
    assert call.linked_numbers == ["С-2025-000001", "В-2025-000002"]
    assert abs((timezone.now() - call.started_at).total_seconds()) < 60


def test_a_call_without_a_topic_is_refused_with_a_message(client, operator):
    response = client.post(reverse("infodesk:console_call"), {"outcome": "answered"})

    assert response.status_code == 400
    assert not CallLog.objects.exists()


def test_the_call_log_counts_the_days_calls_by_outcome(client, operator):
    morning = datetime(2025, 3, 10, 9, 0, tzinfo=SOFIA)
    for outcome in ("answered", "answered", "report"):
        call_log_record(
            operator=operator, topic="Улично осветление", outcome=outcome, started_at=morning
        )
    call_log_record(
        operator=operator,
        topic="Друг ден",
        outcome="answered",
        started_at=datetime(2025, 3, 9, 23, 30, tzinfo=SOFIA),
    )

    response = client.get(reverse("infodesk:console_calls"), {"date": "2025-03-10"})

    outcomes = dict(response.context["outcomes"])
    assert outcomes["отговорено по телефона"] == 2
    assert outcomes["регистриран сигнал"] == 1
    assert response.context["days"][0]["total"] == 3
    assert response.context["days"][1]["total"] == 1
    assert "Улично осветление" in response.content.decode()
    assert "Друг ден" not in response.content.decode()


def test_a_bad_date_goes_back_to_today(client, operator):
    response = client.get(reverse("infodesk:console_calls"), {"date": "вчера"})

    assert response.status_code == 302


@pytest.mark.parametrize("started_at", ["2026-12-01T10:00+23:59", "2026-12-01T10:00-15:00"])
def test_a_start_in_a_zone_no_clock_keeps_is_refused_with_a_message(client, operator, started_at):
    response = client.post(
        reverse("infodesk:console_call"),
        {"topic": "Данъци", "outcome": CallLog.Outcome.ANSWERED, "started_at": started_at},
    )

    assert response.status_code == 400
    assert "Часовата зона" in response.content.decode()
    assert not CallLog.objects.exists()


def test_a_start_written_with_sofia_offset_is_kept(client, operator):
    client.post(
        reverse("infodesk:console_call"),
        {
            "topic": "Данъци",
            "outcome": CallLog.Outcome.ANSWERED,
            "started_at": "2026-12-01T10:00+02:00",
        },
    )

    assert CallLog.objects.get().started_at == datetime(2026, 12, 1, 10, 0, tzinfo=SOFIA)
