"""Internal notes stay inside the municipality."""

import pytest
from django.core import mail

from obshtina.correspondence.models import CorrespondenceEvent

from .desk_helpers import manage_url, officer_of
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


def test_a_note_is_stored_as_internal_and_not_emailed(client, django_capture_on_commit_callbacks):
    unit = UnitFactory()
    item = file_document(addressee=unit, sender_email="maria@example.bg")
    client.force_login(officer_of(unit))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(item), {"action": "note", "note": "Звъннах на подателя"})
    assert response.status_code == 302
    note = item.events.get(kind=CorrespondenceEvent.Kind.NOTE)
    assert note.internal_note == "Звъннах на подателя"
    assert note.visible_to_sender is False
    assert note.message == ""
    assert mail.outbox == []


def test_an_empty_note_is_refused_with_a_message(client):
    unit = UnitFactory()
    item = file_document(addressee=unit)
    client.force_login(officer_of(unit))
    response = client.post(manage_url(item), {"action": "note", "note": "  "})
    assert response.status_code == 400
    assert "Действието не е изпълнено" in response.text
    assert not item.events.filter(kind=CorrespondenceEvent.Kind.NOTE).exists()
