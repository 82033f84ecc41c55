"""Schedules and meetings for tests: ``ScheduleFactory()`` receives Monday to Friday,
09:00–12:00 and 13:00–17:00 (lunch 12:00–13:00 as a break), meetings of 30 minutes;
``next_weekday(0)`` is the next Monday; ``book(...)`` books through the service."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory

from ..models import Schedule, ScheduleGroup, ScheduleWindow
from ..services.booking import appointment_request
from ..slots import SOFIA


class ScheduleGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleGroup

    name = factory.Sequence(lambda n: f"Група {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule
        skip_postgeneration_save = True

    group = factory.SubFactory(ScheduleGroupFactory)
    title = factory.Sequence(lambda n: f"Заместник-кмет {n}")
    host_name = "Мария Иванова"
    slug = factory.Sequence(lambda n: f"schedule-{n}")
    location = "Община Самоков, ул. „Македония“ 21, стая 201"
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))

    @factory.post_generation
    def windows(self, create, extracted, **kwargs):
        """`windows=[(weekday, "09:00", "12:00", 30, None, None), …]`; default Mon–Fri
        09:00–17:00 with a 12:00–13:00 lunch break, 30-minute meetings."""
        if not create:
            return
        specs = extracted
        if specs is None:
            specs = [(day, "09:00", "17:00", 30, "12:00", "13:00") for day in range(5)]
        for weekday, start, end, minutes, break_start, break_end in specs:
            ScheduleWindow.objects.create(
                schedule=self,
                weekday=weekday,
                start=time.fromisoformat(start),
                end=time.fromisoformat(end),
                slot_minutes=minutes,
                break_start=time.fromisoformat(break_start) if break_start else None,
                break_end=time.fromisoformat(break_end) if break_end else None,
            )

    @factory.post_generation
    def officials(self, create, extracted, **kwargs):
        if create and extracted:
            self.officials.set(extracted)


def next_weekday(weekday: int, *, weeks_ahead: int = 1) -> date:
    """A day with this weekday (0 = Monday) at least two days and `weeks_ahead` weeks
    from now, never a Bulgarian public holiday: its meetings are past the default
    24-hour cut-off for changes, whatever the time of day now."""
    from obshtina.core.dates import is_public_holiday

    day = timezone.localdate() + timedelta(days=2 + 7 * (weeks_ahead - 1))
    while day.weekday() != weekday or is_public_holiday(day):
        day += timedelta(days=1)
    return day


def at(day: date, hhmm: str) -> datetime:
    """Sofia wall-clock time on `day` as an aware datetime."""
    return datetime.combine(day, time.fromisoformat(hhmm), SOFIA)


def book(schedule, starts_at, *, author=None, topic="Разрешение за строеж", **kwargs):
    """A citizen's request through the service (a new verified citizen by default)."""
    return appointment_request(
        schedule=schedule,
        starts_at=starts_at,
        author=author or UserFactory(),
        topic=topic,
        **kwargs,
    )
