"""Taking a document ("Поеми") and removing its assignment on the desk page."""

import pytest
from django.core import mail

from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.correspondence.services.desk import correspondence_assign

from .desk_helpers import manage_url, officer_of, registry_clerk
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db

SENDER = "maria@example.bg"


@pytest.fixture
def roads():
    return UnitFactory(name="Отдел „Пътища“")


@pytest.fixture
def item(roads):
    return file_document(kind=Correspondence.Kind.COMPLAINT, addressee=roads, sender_email=SENDER)


@pytest.fixture
def colleague(roads):
    return officer_of(roads, first_name="Георги", last_name="Колев")


def test_an_officer_takes_a_document_in_one_click(client, roads, item):
    officer = officer_of(roads)
    client.force_login(officer)
    assert 'value="take"' in client.get(manage_url(item)).text
    response = client.post(manage_url(item), {"action": "take"}, follow=True)
    assert "Документът е възложен на вас." in response.text
    item.refresh_from_db()
    assert item.assigned_to == officer
    assert 'value="take"' not in response.text


def test_a_registry_clerk_of_no_unit_is_not_offered_to_take_it(client, item):
    client.force_login(registry_clerk())
    assert 'value="take"' not in client.get(manage_url(item)).text
    response = client.post(manage_url(item), {"action": "take"})
    assert response.status_code == 400
    assert "само на служител от звеното" in response.text


def test_an_assignment_is_undone_without_telling_the_sender(
    client, roads, item, colleague, django_capture_on_commit_callbacks
):
    head = officer_of(roads, is_head=True)
    correspondence_assign(item=item, actor=head, assignee=colleague)
    client.force_login(head)
    assert "Премахни възлагането" in client.get(manage_url(item)).text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(item), {"action": "unassign"}, follow=True)
    assert "Възлагането е премахнато." in response.text
    item.refresh_from_db()
    assert item.assigned_to is None
    event = item.events.get(kind=CorrespondenceEvent.Kind.UNASSIGNED)
    assert not event.visible_to_sender and event.actor == head
    assert "Георги Колев" in event.internal_note
    assert not [email for email in mail.outbox if email.to == [SENDER]]
    client.force_login(item.author)
    assert "Колев" not in client.get(item.get_absolute_url()).text


def test_undoing_an_assignment_that_is_not_there_says_so(client, roads, item):
    client.force_login(officer_of(roads))
    assert "Премахни възлагането" not in client.get(manage_url(item)).text
    response = client.post(manage_url(item), {"action": "unassign"})
    assert response.status_code == 400
    assert "Документът не е възложен на никого." in response.text


def test_an_officer_of_another_unit_cannot_undo_an_assignment(client, item, colleague):
    correspondence_assign(item=item, actor=colleague, assignee=colleague)
    client.force_login(officer_of(UnitFactory()))
    assert client.post(manage_url(item), {"action": "unassign"}).status_code == 404
    item.refresh_from_db()
    assert item.assigned_to == colleague
