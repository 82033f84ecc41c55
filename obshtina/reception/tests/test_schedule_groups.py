"""Schedule groups: created, renamed, reordered and hidden by the reception administrator."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory

from ..models import ScheduleGroup
from .factories import ScheduleFactory, ScheduleGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = StaffUserFactory(role="administrator")
    client.force_login(user)
    return user


def names_in_order():
    return list(ScheduleGroup.objects.order_by("order", "name").values_list("name", flat=True))


def test_a_new_group_goes_last(client, admin):
    ScheduleGroupFactory(name="Кмет и заместник-кметове", order=10)

    response = client.post(
        reverse("reception:groups"),
        {"action": "create", "new-name": "Местни данъци и такси", "new-is_active": "on"},
    )

    assert response.status_code == 302
    assert names_in_order() == ["Кмет и заместник-кметове", "Местни данъци и такси"]
    assert ScheduleGroup.objects.get(name="Местни данъци и такси").slug


def test_a_group_without_a_name_gets_a_message(client, admin):
    response = client.post(reverse("reception:groups"), {"action": "create", "new-name": " "})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_group_moves_up(client, admin):
    ScheduleGroupFactory(name="А", order=10)
    ScheduleGroupFactory(name="Б", order=20)
    last = ScheduleGroupFactory(name="В", order=30)

    client.post(reverse("reception:groups"), {"action": "up", "group": str(last.pk)})

    assert names_in_order() == ["А", "В", "Б"]


def test_a_group_is_renamed_and_hidden(client, admin):
    group = ScheduleGroupFactory(name="Старо име")
    ScheduleFactory(group=group)
    prefix = f"group-{group.pk}"

    client.post(
        reverse("reception:groups"),
        {"action": "update", "group": str(group.pk), f"{prefix}-name": "Ново име"},
    )

    group.refresh_from_db()
    assert group.name == "Ново име" and not group.is_active


def test_the_list_shows_how_many_schedules_a_group_has(client, admin):
    group = ScheduleGroupFactory(name="Устройство на територията")
    ScheduleFactory(group=group)
    ScheduleFactory(group=group, is_active=False)

    page = client.get(reverse("reception:groups")).content.decode()

    assert "Устройство на територията" in page
    assert "2 графика (1 активни)" in page
