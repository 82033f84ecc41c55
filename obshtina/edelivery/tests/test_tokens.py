"""Tokens are reused until they expire; an expired or revoked one is replaced."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from obshtina.edelivery.client import EDeliveryClient

pytestmark = pytest.mark.django_db


def test_one_token_serves_many_calls(edelivery_connector):
    with EDeliveryClient() as client:
        client.profiles_check("831641791")
        client.profiles_check("831641791")
    with EDeliveryClient() as client:
        client.profiles_check("831641791")
    assert edelivery_connector.tokens_issued() == 1


def test_a_token_revoked_early_is_replaced_and_the_call_succeeds(edelivery_connector):
    edelivery_connector.add_profile("831641791")
    with EDeliveryClient() as client:
        client.profiles_check("831641791")
        edelivery_connector.expire_tokens()
        [profile] = client.profiles_check("831641791")
    assert profile.is_activated
    assert edelivery_connector.tokens_issued() == 2


def test_a_token_past_its_lifetime_is_not_used(edelivery_connector):
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        with EDeliveryClient() as client:
            client.profiles_check("831641791")
        traveller.shift(timedelta(seconds=edelivery_connector.token_lifetime))
        with EDeliveryClient() as client:
            client.profiles_check("831641791")
    assert edelivery_connector.tokens_issued() == 2
    api_calls = [p for _, p in edelivery_connector.requests if p.startswith("/api/")]
    assert len(api_calls) == 2  # no call was refused with the stale token
