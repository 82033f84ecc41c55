from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from obshtina.registry.models import RegistrySeries
from obshtina.registry.services import UnknownSeriesError, registry_number_issue

from .factories import RegistrySeriesFactory

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
MID_2026 = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def reports():
    return RegistrySeriesFactory(code="reports", prefix="С")


def test_numbers_of_a_series_are_consecutive_within_a_year(reports):
    numbers = [registry_number_issue(series="reports", at=MID_2026).number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_the_code_is_prefix_year_and_six_digit_number(reports):
    registry_number = registry_number_issue(series="reports", at=MID_2026)
    assert registry_number.code == "С-2026-000001"


def test_the_registration_date_is_the_given_moment(reports):
    registry_number = registry_number_issue(series="reports", at=MID_2026)
    registry_number.refresh_from_db()
    assert registry_number.registered_at == MID_2026


def test_numbering_restarts_at_one_in_a_new_year(reports):
    registry_number_issue(series="reports", at=MID_2026)
    registry_number_issue(series="reports", at=MID_2026)
    first_of_2027 = registry_number_issue(series="reports", at=datetime(2027, 2, 1, tzinfo=UTC))
    assert (first_of_2027.year, first_of_2027.number) == (2027, 1)


def test_new_years_eve_late_evening_in_sofia_still_counts_in_the_old_year(reports):
    at = datetime(2026, 12, 31, 23, 30, tzinfo=SOFIA)  # 21:30 UTC
    assert registry_number_issue(series="reports", at=at).code == "С-2026-000001"


def test_just_after_midnight_in_sofia_counts_in_the_new_year_although_utc_is_still_in_the_old():
    RegistrySeriesFactory(code="reports", prefix="С")
    at = datetime(2027, 1, 1, 0, 30, tzinfo=SOFIA)  # 2026-12-31 22:30 UTC
    assert registry_number_issue(series="reports", at=at).code == "С-2027-000001"


def test_each_series_counts_on_its_own(reports):
    RegistrySeriesFactory(code="questions", name="Въпроси", prefix="В")
    registry_number_issue(series="reports", at=MID_2026)
    registry_number_issue(series="reports", at=MID_2026)
    question = registry_number_issue(series="questions", at=MID_2026)
    assert question.code == "В-2026-000001"


def test_an_unknown_series_is_refused_with_a_clear_message():
    with pytest.raises(UnknownSeriesError, match="не съществува или не е активна"):
        registry_number_issue(series="no-such-series")


def test_an_inactive_series_gives_no_numbers(reports):
    RegistrySeries.objects.filter(code="reports").update(is_active=False)
    with pytest.raises(UnknownSeriesError):
        registry_number_issue(series="reports")


def test_a_changed_prefix_applies_to_new_numbers_only(reports):
    old = registry_number_issue(series="reports", at=MID_2026)
    RegistrySeries.objects.filter(code="reports").update(prefix="СГ")
    new = registry_number_issue(series="reports", at=MID_2026)
    old.refresh_from_db()
    assert (old.code, new.code) == ("С-2026-000001", "СГ-2026-000002")


def test_a_rolled_back_transaction_gives_its_number_to_the_next_request(reports):
    with pytest.raises(RuntimeError), transaction.atomic():
        registry_number_issue(series="reports", at=MID_2026)
        raise RuntimeError("the caller failed after taking a number")
    assert registry_number_issue(series="reports", at=MID_2026).number == 1


def test_a_removed_default_series_comes_back_on_first_use():
    from obshtina.registry.models import RegistrySeries

    RegistrySeries.objects.filter(code="questions").delete()
    number = registry_number_issue(series="questions")
    assert number.code.startswith("В-")
