from datetime import UTC, datetime

import pytest

from obshtina.registry.models import RegistryNumber
from obshtina.registry.selectors import item_for_number, registry_number_for_item
from obshtina.registry.services import RegistryError, registry_number_issue, registry_number_link

from .factories import RegistrySeriesFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_number():
    RegistrySeriesFactory()
    return registry_number_issue(series="reports", at=datetime(2026, 3, 2, tzinfo=UTC))


def test_a_new_number_is_not_linked_to_any_item(registry_number):
    assert item_for_number(registry_number.code) is None


def test_a_linked_number_leads_to_its_item(registry_number):
    item = UnitFactory()
    registry_number_link(registry_number=registry_number, item=item)
    assert item_for_number(registry_number.code) == item


def test_the_item_knows_its_number(registry_number):
    item = UnitFactory()
    registry_number_link(registry_number=registry_number, item=item)
    assert registry_number_for_item(item) == registry_number


def test_linking_the_same_item_again_changes_nothing(registry_number):
    item = UnitFactory()
    registry_number_link(registry_number=registry_number, item=item)
    registry_number_link(registry_number=registry_number, item=item)
    assert RegistryNumber.objects.get(pk=registry_number.pk).item == item


def test_a_number_given_to_one_item_cannot_be_moved_to_another(registry_number):
    first, second = UnitFactory(), UnitFactory()
    registry_number_link(registry_number=registry_number, item=first)
    with pytest.raises(RegistryError, match="вече е даден на друг документ"):
        registry_number_link(registry_number=registry_number, item=second)
    assert RegistryNumber.objects.get(pk=registry_number.pk).item == first
