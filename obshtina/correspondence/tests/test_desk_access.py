"""Who sees which documents on the registry desk, and who is turned away."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.casework.workspace import work_source
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services.desk import correspondence_add_note
from obshtina.organization.permissions import can_view_item

from .desk_helpers import access_officer, desk_url, manage_url, officer_of, registry_clerk
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db

Kind = Correspondence.Kind


@pytest.fixture
def roads():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def parks():
    return UnitFactory(name="Отдел „Озеленяване“")


def test_a_registry_clerk_sees_the_letters_and_requests_of_every_unit(client, roads, parks):
    letter = file_document(addressee=roads)
    complaint = file_document(kind=Kind.COMPLAINT, addressee=parks)
    request = file_document(kind=Kind.ACCESS_REQUEST, addressee=parks)
    client.force_login(registry_clerk())
    page = client.get(desk_url()).text
    for item in (letter, complaint, request):
        assert item.number in page


def test_an_officer_sees_only_the_documents_of_their_unit(client, roads, parks):
    own = file_document(addressee=roads)
    own_request = file_document(kind=Kind.ACCESS_REQUEST, addressee=roads)
    other = file_document(addressee=parks)
    client.force_login(officer_of(roads))
    page = client.get(desk_url()).text
    assert own.number in page
    assert own_request.number in page
    assert other.number not in page


def test_an_access_officer_sees_every_access_request_but_not_other_units_letters(
    client, roads, parks
):
    request = file_document(kind=Kind.ACCESS_REQUEST, addressee=parks)
    letter = file_document(addressee=parks)
    client.force_login(access_officer())
    page = client.get(desk_url()).text
    assert request.number in page
    assert letter.number not in page


def test_a_citizen_gets_403_for_the_desk_and_for_a_desk_page_even_of_their_own_letter(client):
    citizen = UserFactory()
    item = file_document(author=citizen)
    client.force_login(citizen)
    assert client.get(desk_url()).status_code == 403
    assert client.get(manage_url(item)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    item = file_document()
    for url in (desk_url(), manage_url(item)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_an_officer_of_another_unit_gets_404_and_changes_nothing(client, roads, parks):
    item = file_document(addressee=parks)
    client.force_login(officer_of(roads))
    assert client.get(manage_url(item)).status_code == 404
    for data in [
        {"action": "status", "status": "in_review"},
        {"action": "note", "note": "Не е наш"},
        {"action": "route", "unit": roads.pk},
        {"action": "answer", "kind": "answer", "text": "Отговор"},
    ]:
        assert client.post(manage_url(item), data).status_code == 404
    item.refresh_from_db()
    assert item.status == Correspondence.Status.REGISTERED
    assert item.unit == parks
    assert [event.kind for event in item.events.all()] == ["registered"]
    assert not item.outgoing_documents.exists()


def test_an_unknown_number_is_404(client):
    client.force_login(registry_clerk())
    assert client.get(reverse("correspondence:manage", args=["П-2026-999999"])).status_code == 404


def test_an_officer_who_filed_a_letter_to_another_unit_does_not_see_it_on_the_desk(
    client, roads, parks
):
    officer = officer_of(roads)
    item = file_document(author=officer, addressee=parks)
    client.force_login(officer)
    assert item.number not in client.get(desk_url()).text
    # Its staff page leads to the sender's page: never the unit's internal notes.
    assert client.get(manage_url(item))["Location"] == item.get_absolute_url()


def test_the_workspace_query_agrees_with_the_permissions_module(roads, parks):
    items = [
        file_document(kind=kind, addressee=unit) for kind in Kind.values for unit in (roads, parks)
    ]
    users = [
        registry_clerk(),
        access_officer(),
        officer_of(roads),
        officer_of(parks, is_head=True),
        UserFactory(is_superuser=True, second_factor=True),
        UserFactory(),
    ]
    source = work_source("documents")
    for user in users:
        scope = source.viewing_scope(user)
        visible = (
            set()
            if scope is None
            else set(Correspondence.objects.filter(scope).values_list("pk", flat=True))
        )
        for item in items:
            assert (item.pk in visible) == can_view_item(user, item), (user, item.kind, item.unit)


def test_the_yearly_report_is_linked_for_the_registry_clerk_only(client, roads):
    report_url = reverse("correspondence:yearly_report")
    client.force_login(registry_clerk())
    assert report_url in client.get(desk_url()).text
    client.force_login(officer_of(roads))
    assert report_url not in client.get(desk_url()).text


def test_an_officer_who_filed_a_complaint_reads_it_as_its_sender_from_the_staff_side(
    client, roads, parks
):
    officer = officer_of(roads)
    complaint = file_document(
        author=officer, kind=Kind.COMPLAINT, addressee=parks, subject="Шум от ремонта"
    )
    client.force_login(officer)
    response = client.get(manage_url(complaint))
    assert response.status_code == 302
    assert response["Location"] == complaint.get_absolute_url()
    own_page = client.get(response["Location"])
    assert own_page.status_code == 200
    assert "Шум от ремонта" in own_page.text
    assert "ваш документ" in own_page.text


def test_an_officer_who_filed_a_complaint_elsewhere_neither_acts_on_it_nor_reads_its_notes(
    client, roads, parks
):
    officer = officer_of(roads)
    complaint = file_document(author=officer, kind=Kind.COMPLAINT, addressee=parks)
    correspondence_add_note(
        item=complaint, actor=officer_of(parks), note="Подателят е служител от Пътища."
    )
    client.force_login(officer)
    response = client.post(manage_url(complaint), {"action": "note", "note": "Моля, бързо."})
    assert response["Location"] == complaint.get_absolute_url()
    assert not complaint.events.filter(internal_note="Моля, бързо.").exists()
    page = client.get(response["Location"], follow=True).text
    assert "Подателят е служител" not in page
    assert "Моля, бързо." not in page
