"""The peer refuses callers without a certificate of its CA, as the service bus does;
our client maps each refusal to a clear error. A contract test, not the real bus."""

import pytest
import requests

from obshtina.edelivery.client import EDeliveryClient, EDeliveryRefused

from .peer import TestCA, administration_subject

pytestmark = pytest.mark.django_db


def test_a_client_without_a_certificate_is_refused(edelivery_peer):
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(edelivery_peer.url + "/token", verify=str(edelivery_peer.ca.bundle))
    assert not edelivery_peer.requests


def test_a_certificate_from_another_ca_is_refused(edelivery_connector, settings, tmp_path):
    stranger = TestCA(tmp_path, "other").issue(
        "stranger", administration_subject(settings.EDELIVERY_OID)
    )
    settings.EDELIVERY_CLIENT_CERT, settings.EDELIVERY_CLIENT_KEY = (
        str(stranger.cert),
        str(stranger.key),
    )
    with EDeliveryClient() as client, pytest.raises(EDeliveryRefused):
        client.profiles_check("831641791")
    assert not edelivery_connector.requests


def test_a_certificate_of_an_unregistered_administration_is_refused(edelivery_connector, settings):
    other = edelivery_connector.ca.issue("other-oid", administration_subject("2.16.100.1.1.1.1.7"))
    settings.EDELIVERY_CLIENT_CERT, settings.EDELIVERY_CLIENT_KEY = str(other.cert), str(other.key)
    with EDeliveryClient() as client, pytest.raises(EDeliveryRefused):
        client.profiles_check("831641791")


def test_a_token_is_not_given_for_another_administrations_oid(edelivery_connector, settings):
    settings.EDELIVERY_OID = "2.16.100.1.1.1.1.7"
    with EDeliveryClient() as client, pytest.raises(EDeliveryRefused):
        client.profiles_check("831641791")


def test_the_peer_reads_the_caller_from_the_certificate_not_from_a_header(edelivery_connector):
    """A Dp-Miscinfo header sent by the client is overwritten by the gateway."""
    profile_id = edelivery_connector.add_profile("831641791")
    with EDeliveryClient() as client:
        client.session.headers["Dp-Miscinfo"] = (
            "dn:/C=BG/ST=OID:2.16.100.1.1.1.1.7/L=BG/CN=intruder|representedPersonID:"
            "|correspondentOID:|operatorID:"
        )
        message_id = client.message_send(
            profile_id=profile_id, subject="Тест", text="Текст", blob_ids=[]
        )
    assert edelivery_connector.messages[message_id].sender_oid == "2.16.100.1.1.1.1.99"
