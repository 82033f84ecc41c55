"""Routing a document to the unit that answers it, and assigning it to an officer."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.correspondence.models import Correspondence, CorrespondenceEvent

from .desk_helpers import desk_url, manage_url, officer_of, registry_clerk
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_unit():
    return UnitFactory(name="Деловодство", slug="delovodstvo")


@pytest.fixture
def roads():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def item(desk_unit):
    # Addressed to "don't know": it waits at the registry desk.
    return file_document(addressee=None, sender_email="maria@example.bg")


def test_routing_moves_the_document_and_tells_the_sender_where_not_why(
    client, item, desk_unit, roads, django_capture_on_commit_callbacks
):
    assert item.unit == desk_unit
    client.force_login(registry_clerk())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(item),
            {"action": "route", "unit": roads.pk, "note": "Жалба срещу началника"},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.unit == roads
    [message] = [email for email in mail.outbox if email.to == ["maria@example.bg"]]
    assert "Насочено към Отдел „Пътища“" in message.body
    assert "Жалба срещу началника" not in message.body
    event = item.events.get(kind=CorrespondenceEvent.Kind.ROUTED)
    assert event.visible_to_sender
    assert event.internal_note == "Жалба срещу началника"


def test_the_new_units_officers_see_it_and_the_old_ones_no_longer(client, item, desk_unit, roads):
    desk_officer = officer_of(desk_unit)
    client.force_login(desk_officer)
    response = client.post(manage_url(item), {"action": "route", "unit": roads.pk})
    assert response["Location"] == reverse("casework:workspace")
    assert client.get(manage_url(item)).status_code == 404
    client.force_login(officer_of(roads))
    assert item.number in client.get(desk_url()).text


def test_routing_with_an_officer_assigns_it_and_tells_them(
    client, item, roads, django_capture_on_commit_callbacks
):
    engineer = officer_of(roads, email="engineer@samokov.bg")
    client.force_login(registry_clerk())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            manage_url(item), {"action": "route", "unit": roads.pk, "assignee": engineer.pk}
        )
    item.refresh_from_db()
    assert item.assigned_to == engineer
    [message] = [email for email in mail.outbox if email.to == ["engineer@samokov.bg"]]
    assert item.number in message.subject
    assert manage_url(item) in message.body


def test_routing_to_an_officer_of_another_unit_is_refused(client, item, desk_unit, roads):
    stranger = officer_of(UnitFactory())
    client.force_login(registry_clerk())
    response = client.post(
        manage_url(item), {"action": "route", "unit": roads.pk, "assignee": stranger.pk}
    )
    assert response.status_code == 400
    assert "само на служител от звеното" in response.text
    item.refresh_from_db()
    assert item.unit == desk_unit
    assert item.assigned_to is None


def test_an_officer_assigns_a_document_to_a_colleague_without_telling_the_sender(
    client, roads, django_capture_on_commit_callbacks
):
    item = file_document(addressee=roads, sender_email="maria@example.bg")
    head = officer_of(roads, is_head=True)
    colleague = officer_of(roads)
    client.force_login(head)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(item), {"action": "assign", "assignee": colleague.pk})
    item.refresh_from_db()
    assert item.assigned_to == colleague
    assert not [email for email in mail.outbox if email.to == ["maria@example.bg"]]
    assert not item.events.get(kind=CorrespondenceEvent.Kind.ASSIGNED).visible_to_sender
    assert item.status == Correspondence.Status.REGISTERED
