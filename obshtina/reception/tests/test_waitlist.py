"""The waitlist of a full schedule: joining, freed slots offered in turn, accepting
(a normal booking), expiry to the next citizen, races and leaving."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory

from ..models import Absence, Appointment, WaitlistEntry
from ..selectors import waitlist_place
from ..services.decisions import appointment_cancel_by_citizen
from ..services.schedules import schedule_absence_remove
from ..services.waitlist import WaitlistError, waitlist_accept, waitlist_join
from ..slots import SOFIA
from .factories import ScheduleFactory, at, book

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=SOFIA)  # a Tuesday
DAY = date(2026, 12, 10)  # a Thursday: the schedule's only day, 09:00 and 09:30


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def schedule():
    return ScheduleFactory(
        valid_from=DAY, valid_until=DAY, windows=[(3, "09:00", "10:00", 30, None, None)]
    )


@pytest.fixture
def full(schedule):
    """Both slots booked, by two other citizens."""
    return [book(schedule, at(DAY, "09:00")), book(schedule, at(DAY, "09:30"))]


def join(schedule, citizen=None, topic="Разрешение за строеж"):
    return waitlist_join(schedule=schedule, citizen=citizen or UserFactory(), topic=topic)


def cancel(appointment):
    appointment_cancel_by_citizen(
        appointment=appointment, citizen=appointment.author, reason="Ще пътувам."
    )


def test_a_citizen_cannot_join_while_a_slot_is_free(schedule):
    book(schedule, at(DAY, "09:00"))

    with pytest.raises(WaitlistError) as error:
        join(schedule)

    assert error.value.code == "has_free_slots"
    assert not WaitlistEntry.objects.exists()


def test_a_citizen_joins_a_full_schedule_from_its_page(client, schedule, full):
    citizen = UserFactory()
    client.force_login(citizen)

    page = client.get(schedule.get_absolute_url())
    response = client.post(
        reverse("reception:waitlist_join", args=[schedule.slug]), {"topic": "Скица"}
    )

    assert "Запиши ме в списъка на чакащите" in page.content.decode()
    assert response.status_code == 302 and response.url == reverse("reception:mine")
    entry = WaitlistEntry.objects.get()
    assert entry.citizen == citizen and entry.topic == "Скица"


def test_joining_needs_a_confirmed_email(schedule, full):
    with pytest.raises(WaitlistError) as error:
        join(schedule, UserFactory(verified=False))

    assert error.value.code == "unconfirmed"


def test_a_citizen_is_on_a_schedules_list_once(schedule, full):
    citizen = UserFactory()
    join(schedule, citizen)

    with pytest.raises(WaitlistError) as error:
        join(schedule, citizen)

    assert error.value.code == "already_waiting"
    assert WaitlistEntry.objects.count() == 1


def test_a_cancellation_offers_the_slot_to_the_first_on_the_list_by_email(
    schedule, full, django_capture_on_commit_callbacks
):
    first, second = join(schedule), join(schedule)

    with django_capture_on_commit_callbacks(execute=True):
        cancel(full[0])

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.offered_starts_at == at(DAY, "09:00")
    assert first.offer_expires_at == NOW + timedelta(hours=3)
    assert second.offered_starts_at is None
    message = next(message for message in mail.outbox if message.to == [first.citizen.email])
    assert first.get_absolute_url() in message.body
    assert not [message for message in mail.outbox if message.to == [second.citizen.email]]


def test_slots_freed_at_once_go_to_the_next_citizens_in_turn(schedule, full):
    first, second, third = join(schedule), join(schedule), join(schedule)

    cancel(full[1])
    cancel(full[0])

    offers = {entry.pk: entry.offered_starts_at for entry in WaitlistEntry.objects.order_by("pk")}
    assert offers == {
        first.pk: at(DAY, "09:30"),
        second.pk: at(DAY, "09:00"),
        third.pk: None,
    }


def test_accepting_books_the_slot_and_takes_the_citizen_off_the_list(client, schedule, full):
    entry = join(schedule)
    cancel(full[0])
    client.force_login(entry.citizen)

    page = client.get(entry.get_absolute_url())
    assert "Приемам часа" in page.content.decode()
    assert not Appointment.objects.filter(author=entry.citizen).exists()  # GET books nothing
    response = client.post(entry.get_absolute_url())

    appointment = Appointment.objects.get(author=entry.citizen)
    assert response.status_code == 302 and response.url == appointment.get_absolute_url()
    assert appointment.starts_at == at(DAY, "09:00")
    assert appointment.status == Appointment.Status.REQUESTED
    assert appointment.topic == entry.topic
    assert not WaitlistEntry.objects.exists()


def test_an_expired_offer_passes_to_the_next_and_the_first_goes_to_the_back(clock, schedule, full):
    first, second = join(schedule), join(schedule)
    cancel(full[0])

    clock.shift(timedelta(hours=3, minutes=1))
    call_command("offer_waitlist_slots", stdout=open("/dev/null", "w"))  # noqa: SIM115

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.offered_starts_at == at(DAY, "09:00")
    assert first.offered_starts_at is None
    assert waitlist_place(first) == 2
    with pytest.raises(WaitlistError) as error:
        waitlist_accept(entry=first, citizen=first.citizen)
    assert error.value.code == "offer_expired"


def test_an_offer_never_lasts_past_the_schedules_cut_off(clock, schedule, full):
    entry = join(schedule)
    clock.move_to(at(DAY, "09:00") - timedelta(hours=25))

    cancel(full[0])

    entry.refresh_from_db()
    assert entry.offer_expires_at == at(DAY, "09:00") - timedelta(hours=24)


def test_of_two_accepting_the_same_slot_one_wins_and_the_other_keeps_their_place(schedule, full):
    first, second = join(schedule), join(schedule)
    cancel(full[0])
    first.refresh_from_db()
    # As if two offers of the slot had crossed: the booking decides.
    WaitlistEntry.objects.filter(pk=second.pk).update(
        offered_starts_at=first.offered_starts_at, offer_expires_at=first.offer_expires_at
    )
    second.refresh_from_db()

    appointment = waitlist_accept(entry=first, citizen=first.citizen)
    with pytest.raises(WaitlistError) as error:
        waitlist_accept(entry=second, citizen=second.citizen)

    assert error.value.code == "slot_gone"
    assert appointment.author == first.citizen
    assert not Appointment.objects.filter(author=second.citizen).exists()
    second.refresh_from_db()
    assert second.offered_starts_at is None and waitlist_place(second) == 1


def test_a_slot_booked_meanwhile_is_gone_and_the_page_says_so(client, schedule, full):
    entry = join(schedule)
    cancel(full[0])
    book(schedule, at(DAY, "09:00"))  # someone not on the list books it first
    client.force_login(entry.citizen)

    response = client.post(entry.get_absolute_url())

    assert response.status_code == 200
    assert "междувременно е зает" in response.content.decode()
    assert WaitlistEntry.objects.filter(pk=entry.pk).exists()


def test_leaving_the_list_passes_an_offer_to_the_next(client, schedule, full):
    first, second = join(schedule), join(schedule)
    cancel(full[0])
    client.force_login(first.citizen)

    response = client.post(reverse("reception:waitlist_leave", args=[first.token]))

    assert response.status_code == 302
    assert not WaitlistEntry.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert second.offered_starts_at == at(DAY, "09:00")


def test_my_meetings_show_the_place_on_the_list(client, schedule, full):
    join(schedule)
    entry = join(schedule)
    client.force_login(entry.citizen)

    page = client.get(reverse("reception:mine")).content.decode()

    assert "Място в списъка: 2" in page
    assert str(schedule) in page


def test_someone_elses_offer_is_not_found(client, schedule, full):
    entry = join(schedule)
    cancel(full[0])
    client.force_login(UserFactory())

    assert client.get(entry.get_absolute_url()).status_code == 404
    assert client.post(entry.get_absolute_url()).status_code == 404
    assert client.post(reverse("reception:waitlist_leave", args=[entry.token])).status_code == 404


def test_days_off_taken_back_offer_their_slots_to_the_list(schedule):
    absence = Absence.objects.create(schedule=schedule, first_day=DAY, last_day=DAY)
    entry = join(schedule)

    schedule_absence_remove(
        schedule=schedule,
        actor=StaffUserFactory(role="reception_admin"),
        absence_id=absence.pk,
    )

    entry.refresh_from_db()
    assert entry.offered_starts_at == at(DAY, "09:00")


def test_a_deleted_account_leaves_the_list_and_its_offer_goes_to_the_next(schedule, full):
    from obshtina.accounts.selectors import user_export_data
    from obshtina.accounts.services import user_delete_account

    first, second = join(schedule), join(schedule)
    cancel(full[0])
    assert user_export_data(user=first.citizen)["reception_waitlist"][0]["topic"] == first.topic

    user_delete_account(user=first.citizen)

    assert not WaitlistEntry.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert second.offered_starts_at == at(DAY, "09:00")


def test_a_visitor_of_a_full_schedule_is_asked_to_log_in_to_join(client, schedule, full):
    page = client.get(schedule.get_absolute_url()).content.decode()

    assert "Влезте в профила си, за да се запишете в списъка на чакащите" in page


def test_the_officials_desk_lists_who_waits_in_order_with_their_offer(client, full):
    schedule = full[0].schedule
    official = UserFactory(second_factor=True)
    schedule.officials.add(official)
    other_schedule = ScheduleFactory(
        valid_from=DAY, valid_until=DAY, windows=[(3, "11:00", "11:30", 30, None, None)]
    )
    book(other_schedule, at(DAY, "11:00"))
    first = join(schedule, UserFactory(first_name="Мария", last_name="Тодорова"), topic="Скица")
    join(schedule, UserFactory(first_name="Иван", last_name="Петров"), topic="Виза")
    join(other_schedule, UserFactory(first_name="Чужда", last_name="Опашка"))
    cancel(full[0])  # the 09:00 slot is offered to the first on the list
    client.force_login(official)

    page = client.get(reverse("reception:desk")).content.decode()

    start = page.index('id="waitlist-title"')
    waiting = page[start : page.index("<section", start)]
    assert "Чакащи за свободен час (2)" in waiting
    assert waiting.index("Мария Тодорова") < waiting.index("Иван Петров")
    assert "Скица" in waiting and "Виза" in waiting
    first.refresh_from_db()
    assert first.offered_starts_at == at(DAY, "09:00")
    assert "10.12.2026 09:00" in waiting and "чака отговор до" in waiting
    assert "Опашка" not in waiting  # another official's schedule
