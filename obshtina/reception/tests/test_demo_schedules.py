"""The demo data gives citizens schedules to book at once, grouped, with lunch breaks."""

import pytest
from django.core.management import call_command

from ..models import Schedule, ScheduleGroup
from ..slots import free_slots
from .factories import next_weekday

pytestmark = pytest.mark.django_db


def test_demo_schedules_are_grouped_offer_slots_and_load_only_once(settings):
    settings.DEMO = True
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)

    assert ScheduleGroup.objects.filter(name="Кмет и заместник-кметове").exists()
    architect = Schedule.objects.get(slug="glaven-arhitekt")
    assert architect.officials.filter(email="official@demo.samokov.bg").exists()
    monday = next_weekday(0)
    starts = [
        slot.starts_at.strftime("%H:%M")
        for slot in free_slots([architect], first_day=monday, last_day=monday)[architect.pk]
    ]
    assert "09:00" in starts and "12:00" not in starts and "13:00" in starts
    assert Schedule.objects.count() == 7
