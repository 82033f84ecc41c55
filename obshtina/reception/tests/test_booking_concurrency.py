"""No double booking: many citizens ask for few slots at the same moment.

The threads use separate database connections; on PostgreSQL they really run
at once. The database refuses a second meeting in a held slot by itself, too.
"""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.hosts import serving
from obshtina.organization.selectors import current_municipality
from obshtina.registry.services import registry_number_issue

from ..models import Appointment
from ..services.booking import SlotTakenError, appointment_request
from ..services.decisions import (
    AppointmentChangedError,
    appointment_approve,
    appointment_reject,
    appointment_reschedule_by_citizen,
)
from .factories import ScheduleFactory, at, book, next_weekday


@pytest.fixture(autouse=True)
def _needs_a_database_threads_can_share():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need PostgreSQL or a file database, not SQLite's in-memory one")


def run_together(works):
    """Run each callable in its own thread, all released at once, as requests of
    the municipality are (organization.hosts.serving)."""
    municipality = current_municipality()
    barrier = threading.Barrier(len(works))
    results, errors = [], []

    def target(work):
        try:
            barrier.wait()
            with serving(municipality):
                results.append(work())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_sixteen_citizens_asking_for_three_slots_at_once_get_exactly_three_meetings(settings):
    settings.RECEPTION_MAX_PENDING = 10
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    slots = [at(monday, "09:00"), at(monday, "09:30"), at(monday, "10:00")]
    citizens = [UserFactory() for _ in range(16)]

    def request(citizen, slot):
        return lambda: appointment_request(
            schedule=schedule, starts_at=slot, author=citizen, topic="Среща"
        )

    results, errors = run_together(
        [request(citizen, slots[i % 3]) for i, citizen in enumerate(citizens)]
    )

    assert len(results) == 3
    assert all(isinstance(error, SlotTakenError) for error in errors), errors
    assert len(errors) == 13
    held = Appointment.objects.filter(schedule=schedule, status__in=Appointment.HOLDING)
    assert sorted(held.values_list("starts_at", flat=True)) == slots


@pytest.mark.django_db(transaction=True)
def test_two_officials_deciding_at_once_cannot_both_win():
    official_a, official_b = UserFactory(), UserFactory()
    schedule = ScheduleFactory(officials=[official_a, official_b])
    appointment = book(schedule, at(next_weekday(1), "11:00"))

    results, errors = run_together(
        [
            lambda: appointment_approve(
                appointment=Appointment.objects.get(pk=appointment.pk), actor=official_a
            ),
            lambda: appointment_reject(
                appointment=Appointment.objects.get(pk=appointment.pk),
                actor=official_b,
                reason="Не е по компетентност",
            ),
        ]
    )

    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], AppointmentChangedError)
    appointment.refresh_from_db()
    assert appointment.status == results[0].status
    assert appointment.events.filter(action__in=["approved", "rejected"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_itself_refuses_a_second_meeting_in_a_held_slot():
    schedule = ScheduleFactory()
    first = book(schedule, at(next_weekday(2), "09:00"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            registry_number=registry_number_issue(series="appointments"),
            number="ПВ-TEST-1",
            schedule=schedule,
            starts_at=first.starts_at,
            ends_at=first.ends_at,
            topic="Заобикаляне на проверките",
        )


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_overlapping_meetings_of_different_lengths_are_refused():
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint on time ranges is PostgreSQL's")
    schedule = ScheduleFactory()
    first = book(schedule, at(next_weekday(2), "09:00"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            registry_number=registry_number_issue(series="appointments"),
            number="ПВ-TEST-2",
            schedule=schedule,
            starts_at=first.starts_at + timedelta(minutes=15),
            ends_at=first.ends_at + timedelta(minutes=15),
            topic="Застъпване",
        )


@pytest.mark.django_db(transaction=True)
def test_citizens_moving_into_the_same_slot_at_once_cannot_both_get_it():
    schedule = ScheduleFactory()
    monday = next_weekday(0)
    wanted = at(monday, "15:00")
    citizens = [UserFactory() for _ in range(6)]
    meetings = [
        book(schedule, at(monday, hhmm), author=citizen)
        for citizen, hhmm in zip(
            citizens, ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"], strict=True
        )
    ]

    def move(meeting, citizen):
        return lambda: appointment_reschedule_by_citizen(
            appointment=Appointment.objects.get(pk=meeting.pk), citizen=citizen, starts_at=wanted
        )

    works = [move(meeting, citizen) for meeting, citizen in zip(meetings, citizens, strict=True)]
    # …and a seventh citizen asks for the same slot as a new meeting.
    newcomer = UserFactory()
    works.append(
        lambda: appointment_request(
            schedule=schedule, starts_at=wanted, author=newcomer, topic="Среща"
        )
    )
    results, errors = run_together(works)

    assert len(results) == 1
    assert len(errors) == 6 and all(isinstance(error, SlotTakenError) for error in errors), errors
    held = Appointment.objects.filter(
        schedule=schedule, status__in=Appointment.HOLDING, starts_at=wanted
    )
    assert held.count() == 1
    # The losers keep the meeting they had.
    for meeting in meetings:
        before = meeting.starts_at
        meeting.refresh_from_db()
        assert meeting.starts_at in (before, wanted) and meeting.holds_slot
