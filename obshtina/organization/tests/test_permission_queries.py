"""The query forms of the rules (``viewable_items``, ``viewable_appointments``)
agree with the checks for one item, for every person of the access matrix."""

import pytest

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.factories import file_document
from obshtina.organization.permissions import (
    can_view_appointment,
    can_view_item,
    viewable_appointments,
    viewable_items,
)
from obshtina.reception.models import Appointment
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(people, unit, other_unit):
    """Every kind of document, in the matrix's unit and in another, by the matrix's author."""
    return [
        file_document(author=people["author"], kind=kind, addressee=addressee)
        for kind in Correspondence.Kind.values
        for addressee in (unit, other_unit)
    ]


@pytest.fixture
def appointments(people):
    officials = [people["officer of the unit"]]
    mine = ScheduleFactory(officials=officials)
    other = ScheduleFactory(officials=[people["officer of another unit"]])
    day = next_weekday(1)
    return [
        book(mine, at(day, "09:00"), author=people["author"]),
        book(other, at(day, "09:00"), author=people["author"]),
        book(other, at(day, "10:00")),
    ]


@pytest.mark.parametrize(
    "person",
    [
        "anonymous",
        "author",
        "other citizen",
        "operator",
        "officer of the unit",
        "officer of another unit",
        "access officer",
        "reception admin",
        "registry clerk",
        "editor",
        "administrator",
    ],
)
def test_the_queries_list_exactly_the_items_the_checks_allow(
    people, documents, appointments, person
):
    user = people[person]
    expected_documents = {item.pk for item in documents if can_view_item(user, item)}
    expected_meetings = {item.pk for item in appointments if can_view_appointment(user, item)}

    listed_documents = set(
        viewable_items(user, Correspondence.objects.all()).values_list("pk", flat=True)
    )
    listed_meetings = set(
        viewable_appointments(user, Appointment.objects.all()).values_list("pk", flat=True)
    )

    assert listed_documents == expected_documents
    assert listed_meetings == expected_meetings
