"""The list of schedules: grouped, with weekly hours, the nearest free slot and a search."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.organization.tests.factories import UnitFactory

from ..models import Appointment
from .factories import ScheduleFactory, ScheduleGroupFactory

pytestmark = pytest.mark.django_db


def test_schedules_are_listed_under_their_groups_in_order(client):
    mayors = ScheduleGroupFactory(name="Кмет и заместник-кметове", order=10)
    planning = ScheduleGroupFactory(name="Устройство на територията", order=20)
    ScheduleFactory(group=planning, title="Главен архитект")
    ScheduleFactory(group=mayors, title="Кмет на община Самоков")

    page = client.get(reverse("reception:index")).content.decode()

    assert page.index("Кмет и заместник-кметове") < page.index("Кмет на община Самоков")
    assert page.index("Кмет на община Самоков") < page.index("Устройство на територията")
    assert page.index("Устройство на територията") < page.index("Главен архитект")


def test_each_schedule_shows_host_location_hours_in_one_line_and_the_nearest_free_slot(client):
    ScheduleFactory(title="Заместник-кмет „Финанси“", host_name="Мария Иванова")

    response = client.get(reverse("reception:index"))

    page = response.content.decode()
    assert "Мария Иванова" in page
    assert "ул. „Македония“ 21, стая 201" in page
    assert "пон.–пет. 09:00–12:00, 13:00–17:00" in page
    assert "Първи свободен час" in page
    assert "/request/" in page


def test_several_weekdays_with_different_hours_are_summarised_together(client):
    ScheduleFactory(
        windows=[
            (0, "09:00", "16:00", 30, "12:00", "13:00"),
            (3, "09:00", "16:00", 30, "12:00", "13:00"),
            (2, "14:00", "17:00", 20, None, None),
        ]
    )

    page = client.get(reverse("reception:index")).content.decode()

    assert "пон., чет. 09:00–12:00, 13:00–16:00; ср. 14:00–17:00" in page


def test_inactive_expired_schedules_and_hidden_groups_are_not_listed(client):
    today = timezone.localdate()
    ScheduleFactory(title="Активен график")
    ScheduleFactory(title="Спрян график", is_active=False)
    ScheduleFactory(title="Изтекъл график", valid_until=today - timedelta(days=1))
    ScheduleFactory(title="Скрита група", group=ScheduleGroupFactory(is_active=False))

    page = client.get(reverse("reception:index")).content.decode()

    assert "Активен график" in page
    assert "Спрян график" not in page
    assert "Изтекъл график" not in page
    assert "Скрита група" not in page


def test_search_finds_schedules_by_title_host_group_or_unit_ignoring_case(client):
    taxes = UnitFactory(name="Отдел „Местни данъци и такси“")
    ScheduleFactory(title="Главен архитект", host_name="Петър Петров")
    ScheduleFactory(title="Експерти", unit=taxes, host_name="")
    ScheduleFactory(title="Кмет", group=ScheduleGroupFactory(name="Социални дейности"))

    def found(query):
        return client.get(reverse("reception:index"), {"q": query}).content.decode()

    assert "Главен архитект" in found("АРХИТЕКТА") and "Експерти" not in found("архитект")
    assert "Главен архитект" in found("петров")
    assert "Експерти" in found("данъци") and "Главен архитект" not in found("данъци")
    assert "Кмет" in found("социални")


def test_a_search_without_results_says_so_and_offers_all_schedules(client):
    ScheduleFactory(title="Главен архитект")

    page = client.get(reverse("reception:index"), {"q": "зоопарк"}).content.decode()

    assert "Няма график, който да отговаря на „зоопарк“" in page
    assert "Покажи всички графици" in page
    assert "Главен архитект" not in page


def test_a_schedule_with_nothing_bookable_says_it_has_no_free_slot(client, settings):
    settings.RECEPTION_BOOKING_HORIZON_DAYS = 2
    settings.RECEPTION_MIN_NOTICE_MINUTES = 60 * 24 * 3  # nothing is bookable yet
    ScheduleFactory()

    page = client.get(reverse("reception:index")).content.decode()

    assert "няма свободни часове" in page
    assert not Appointment.objects.exists()
