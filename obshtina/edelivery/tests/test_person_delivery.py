"""A citizen with their own e-Delivery profile; the identifier stays out of the database
and the logs. The person's identifier will come from eAuth: here it is given."""

import logging

import pytest
from django.db import transaction

from obshtina.correspondence.models import CorrespondenceEvent
from obshtina.correspondence.services.outgoing import outgoing_document_register
from obshtina.correspondence.tests.desk_helpers import officer_of
from obshtina.edelivery.models import Delivery
from obshtina.edelivery.recipients import Recipient, recipient_of
from obshtina.edelivery.services import delivery_plan

from .helpers import citizen_letter

pytestmark = pytest.mark.django_db(transaction=True)

EGN = "8001010000"


def answer_person(item, recipient):
    with transaction.atomic():
        document = outgoing_document_register(
            item=item, actor=officer_of(item.unit), kind="answer", text="Отговор на писмото."
        )
        delivery_plan(document=document, recipient=recipient)
    return document


def test_a_citizen_with_their_own_profile_gets_the_answer(edelivery_connector):
    profile_id = edelivery_connector.add_profile(EGN, target_group_id=1)
    item = citizen_letter()
    answer_person(item, Recipient.person(EGN))
    [message] = edelivery_connector.messages.values()
    assert message.recipient_profile_ids == [profile_id]
    assert item.events.filter(kind=CorrespondenceEvent.Kind.EDELIVERY_SENT).exists()


def test_a_passive_profile_is_no_consent(edelivery_connector):
    edelivery_connector.add_profile(EGN, target_group_id=1, is_passive=True)
    item = citizen_letter()
    answer_person(item, Recipient.person(EGN))
    assert not edelivery_connector.messages
    assert Delivery.objects.get().status == Delivery.Status.NO_PROFILE


def test_the_identifier_is_neither_stored_nor_logged_in_plain(edelivery_connector, caplog):
    edelivery_connector.add_profile(EGN, target_group_id=1)
    item = citizen_letter()
    with caplog.at_level(logging.DEBUG):
        answer_person(item, Recipient.person(EGN))
    delivery = Delivery.objects.get()
    stored = " ".join(str(getattr(delivery, f.attname)) for f in Delivery._meta.fields)
    assert EGN not in stored
    assert EGN not in caplog.text
    assert EGN not in repr(Recipient.person(EGN))


def test_without_eauth_a_citizens_letter_has_no_recipient(edelivery_connector):
    assert recipient_of(citizen_letter()) is None
