"""A peer that is down or answers 500: the delivery waits and goes when it is back."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from obshtina.edelivery.models import Delivery

from .helpers import COMPANY_EIK, answer_with_pdf, company_letter

pytestmark = pytest.mark.django_db(transaction=True)


def sweep_later(minutes: int):
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
        call_command("edelivery_sweep")


def test_a_500_is_retried_later_and_succeeds(client, edelivery_connector):
    edelivery_connector.add_profile(COMPANY_EIK)
    edelivery_connector.fail_next(500)
    item = company_letter()
    answer_with_pdf(client, item)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert "HTTP 500" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    sweep_later(2)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(edelivery_connector.messages) == 1


def test_a_peer_that_is_down_gets_the_document_when_it_is_back(client, edelivery_connector):
    edelivery_connector.add_profile(COMPANY_EIK)
    edelivery_connector.stop()
    item = company_letter()
    answer_with_pdf(client, item)
    sweep_later(2)  # still down: the second attempt fails, the back-off doubles
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 2)
    edelivery_connector.start()
    sweep_later(1)  # not due yet
    assert not edelivery_connector.messages
    sweep_later(5)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(edelivery_connector.messages) == 1


def test_a_sent_message_is_followed_until_it_is_delivered(client, edelivery_connector):
    """Without push notifications, the sweep reads the status."""
    edelivery_connector.add_profile(COMPANY_EIK)
    item = company_letter()
    answer_with_pdf(client, item)
    [message_id] = edelivery_connector.messages
    sweep_later(6)
    assert Delivery.objects.get().status == Delivery.Status.RECEIVED
    edelivery_connector.open_message(message_id)
    sweep_later(20)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.identifier_encrypted == ""
    client.force_login(item.author)
    assert "Връчено през е-Връчване" in client.get(item.get_absolute_url()).text


def test_the_sweep_says_so_when_the_connector_is_off(capsys):
    call_command("edelivery_sweep")
    assert "off" in capsys.readouterr().out


def test_a_delivery_waits_while_the_connector_is_off(client, edelivery_connector, settings):
    edelivery_connector.add_profile(COMPANY_EIK)
    edelivery_connector.fail_next(503)
    answer_with_pdf(client, company_letter())
    settings.EDELIVERY_ENABLED = False
    sweep_later(10)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    settings.EDELIVERY_ENABLED = True
    sweep_later(10)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
