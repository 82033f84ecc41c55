from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import deadlines

from .factories import file_document

pytestmark = pytest.mark.django_db


def test_a_letter_gets_a_registry_number_and_lands_with_its_addressee():
    item = file_document()
    assert item.number.startswith("П-")
    assert item.unit == item.addressee
    assert item.due_at is not None
    assert [event.kind for event in item.events.all()] == ["registered"]


@time_machine.travel(datetime(2027, 4, 1, 0, 10, tzinfo=ZoneInfo("Europe/Sofia")), tick=False)
def test_an_access_request_has_its_own_series_and_a_14_day_deadline():
    # Ten past midnight in Sofia, still 31 March in UTC: the day counted is Sofia's.
    item = file_document(kind=Correspondence.Kind.ACCESS_REQUEST)
    assert item.number.startswith("ЗДОИ-")
    assert item.access_request.access_form == "electronic"
    assert item.due_at == date(2027, 4, 15)  # 1 April + 14 days


def test_the_sender_gets_the_number_by_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = file_document()
    assert item.number in mail.outbox[0].subject


def test_a_term_ending_on_a_holiday_moves_to_the_next_working_day():
    # 14 days from 20 Dec 2026 end on Sunday 3 Jan 2027 → Monday 4 Jan.
    assert deadlines.add_days(date(2026, 12, 20), 14) == date(2027, 1, 4)
    # 2 March + 1 day = 3 March, Liberation Day (a holiday) → 4 March.
    assert deadlines.add_days(date(2026, 3, 2), 1) == date(2026, 3, 4)
