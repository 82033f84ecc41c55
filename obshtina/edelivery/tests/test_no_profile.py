"""Without an e-Delivery profile the sender gets the e-mail only; with the connector off
nothing of it happens."""

import pytest
from django.core import mail

from obshtina.correspondence.models import CorrespondenceEvent
from obshtina.edelivery.models import Delivery

from .helpers import COMPANY_EIK, answer_with_pdf, company_letter

pytestmark = pytest.mark.django_db(transaction=True)

EDELIVERY_KINDS = [
    CorrespondenceEvent.Kind.EDELIVERY_SENT,
    CorrespondenceEvent.Kind.EDELIVERY_RECEIVED,
    CorrespondenceEvent.Kind.EDELIVERY_DELIVERED,
]


def test_a_company_without_a_profile_gets_only_the_email(client, edelivery_connector):
    item = company_letter()
    mail.outbox.clear()
    answer_with_pdf(client, item)
    assert not edelivery_connector.messages
    assert Delivery.objects.get().status == Delivery.Status.NO_PROFILE
    [message] = [m for m in mail.outbox if m.to == ["office@firma.bg"]]
    assert "е-Връчване" not in message.body
    assert not item.events.filter(kind__in=EDELIVERY_KINDS).exists()


def test_a_profile_of_another_target_group_is_not_used(client, edelivery_connector):
    edelivery_connector.add_profile(COMPANY_EIK, target_group_id=3)
    item = company_letter()
    answer_with_pdf(client, item)
    assert not edelivery_connector.messages
    assert Delivery.objects.get().status == Delivery.Status.NO_PROFILE


def test_with_the_connector_off_nothing_is_asked_or_stored(client, edelivery_peer):
    edelivery_peer.add_profile(COMPANY_EIK)
    item = company_letter()
    answer_with_pdf(client, item)
    assert not edelivery_peer.requests
    assert not Delivery.objects.exists()
    assert client.post("/edelivery/push/", {}, content_type="application/json").status_code == 404
