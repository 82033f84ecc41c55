"""The register shows each staff member only the entries they may open: another
unit's letter, or an access request, keeps its number, date and subject from the
knowledge editor and from other units' officers — on the list, by number, on its page."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services.outgoing import outgoing_document_register
from obshtina.correspondence.tests.factories import file_document
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import UnitFactory, member, staff
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.tests.factories import submit_report

pytestmark = pytest.mark.django_db

SUBJECT = "Жалба срещу съседа Петър Петров, ул. „Рила“ 5"
REQUEST_SUBJECT = "Договорите на г-жа Иванова"


@pytest.fixture
def ecology():
    return UnitFactory(name="Отдел „Екология“")


@pytest.fixture
def letter(ecology):
    return file_document(addressee=ecology, subject=SUBJECT)


@pytest.fixture
def access_request(ecology):
    return file_document(
        addressee=ecology, kind=Correspondence.Kind.ACCESS_REQUEST, subject=REQUEST_SUBJECT
    )


@pytest.fixture
def register(letter, access_request):
    return {"letter": letter, "access_request": access_request, "report": submit_report()}


def index_as(client, user, **query) -> str:
    client.force_login(user)
    response = client.get(reverse("registry:index"), query)
    assert response.status_code == 200
    return response.content.decode()


def shows(page: str, item) -> bool:
    return item.number in page or item.subject in page


@pytest.mark.parametrize("person", ["editor", "officer of another unit"])
def test_private_entries_are_not_listed_for_staff_who_cannot_open_them(client, register, person):
    user = staff(Role.EDITOR) if person == "editor" else member(UnitFactory())
    page = index_as(client, user)
    assert not shows(page, register["letter"])
    assert not shows(page, register["access_request"])
    assert register["report"].number in page  # public items stay listed


def test_the_unit_s_officer_sees_its_letters_and_requests(client, register, ecology):
    page = index_as(client, member(ecology))
    assert SUBJECT in page
    assert REQUEST_SUBJECT in page


def test_the_registry_clerk_sees_every_letter_and_request(client, register):
    page = index_as(client, staff(Role.REGISTRY_CLERK))
    assert register["letter"].number in page
    assert register["access_request"].number in page


def test_the_access_officer_sees_the_requests_but_not_the_letters(client, register):
    page = index_as(client, staff(Role.ACCESS_OFFICER))
    assert REQUEST_SUBJECT in page
    assert not shows(page, register["letter"])


def test_an_administrator_sees_everything(client, register):
    page = index_as(client, UserFactory(is_staff=True, is_superuser=True, second_factor=True))
    assert SUBJECT in page
    assert REQUEST_SUBJECT in page


@pytest.mark.parametrize("person", ["editor", "officer of another unit"])
def test_looking_a_hidden_entry_up_by_number_says_it_is_not_there(client, register, person):
    client.force_login(staff(Role.EDITOR) if person == "editor" else member(UnitFactory()))
    number = register["letter"].number

    by_search = client.get(reverse("registry:index"), {"number": number.lower()})
    by_page = client.get(reverse("registry:detail", args=[number]))

    assert by_search.status_code == 404
    assert f"Няма деловоден номер „{number.lower()}“" in by_search.content.decode()
    assert by_page.status_code == 404
    assert SUBJECT not in by_search.content.decode() + by_page.content.decode()


def test_those_who_may_open_it_find_it_by_number(client, register, ecology):
    client.force_login(member(ecology))
    number = register["letter"].number
    response = client.get(reverse("registry:index"), {"number": number}, follow=True)
    assert response.status_code == 200
    assert SUBJECT in response.content.decode()


def test_an_answer_to_a_hidden_letter_is_hidden_too(client, register, ecology):
    officer = member(ecology)
    answer = outgoing_document_register(
        item=register["letter"], actor=officer, kind="answer", text="Отговор."
    )
    assert answer.number not in index_as(client, staff(Role.EDITOR))
    assert answer.number in index_as(client, officer)


def test_a_meeting_is_listed_only_for_those_who_manage_its_schedule(client):
    official, other_official = member(UnitFactory()), member(UnitFactory())
    ScheduleFactory(officials=[other_official])
    meeting = book(ScheduleFactory(officials=[official]), at(next_weekday(2), "10:00"))
    assert meeting.number in index_as(client, official)
    assert meeting.number not in index_as(client, other_official)
    assert meeting.number in index_as(client, staff(Role.RECEPTION_ADMIN))
