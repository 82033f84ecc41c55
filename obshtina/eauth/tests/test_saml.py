"""The SAML exchange with an identity provider that behaves as eAuth does."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from . import flow

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_the_request_carries_requested_service_first_in_extensions(client, live_server, eauth):
    action, saml_request = flow.start(client, live_server)
    xml = flow.decoded(saml_request)
    extensions = xml[xml.index("Extensions") :]
    assert extensions.index("RequestedService") < extensions.index("RequestedAttributes")
    assert "urn:bg:egov:eauth:2.0:saml:ext" in xml
    assert ">SUBSTANTIAL<" in xml
    assert action == eauth.url + "/sso"


def test_eauth_fetches_our_metadata_from_the_issuer_and_accepts_the_signed_request(
    client, live_server, eauth
):
    action, saml_request = flow.start(client, live_server)
    status, page = flow.post_to_idp(action, saml_request)
    assert status == 200, page
    assert eauth.fetched_metadata == [live_server.url + "/eauth/metadata/"]
    assert "Потвърди" in page


@pytest.mark.parametrize("algorithm", ["sha1", "sha256"])
def test_a_signed_and_encrypted_assertion_signs_the_person_in(
    client, live_server, eauth, algorithm
):
    eauth.behaviour.algorithm = algorithm
    response = flow.sign_in(client, live_server)
    assert response.status_code == 302
    user = signed_in_user(client)
    assert (user.first_name, user.last_name, user.email) == ("Иван", "Иванов", "ivan@example.com")


def test_the_assertion_travels_encrypted_with_aes128_and_rsa_oaep(client, live_server, eauth):
    action, saml_request = flow.start(client, live_server)
    _status, page = flow.post_to_idp(action, saml_request)
    xml = flow.decoded(flow.saml_response_from(page))
    assert "EncryptedAssertion" in xml
    assert "xmlenc#aes128-cbc" in xml and "xmlenc#rsa-oaep-mgf1p" in xml
    assert "PNOBG-8001010000" not in xml


def test_a_stale_request_is_refused_by_eauth(client, live_server, eauth):
    action, saml_request = flow.start(client, live_server)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=25)
    with time_machine.travel(later, tick=True):
        status, page = flow.post_to_idp(action, saml_request)
    assert status == 400
    assert "stale request" in page


def test_eauth_refuses_a_request_for_another_service(client, live_server, eauth, settings):
    settings.EAUTH_SERVICE_OID = "2.16.100.1.1.1.1.99"
    status, page = flow.post_to_idp(*flow.start(client, live_server))
    assert status == 400
    assert "unknown service OID" in page


@pytest.mark.parametrize("minutes", [4, -4])
def test_an_assertion_outside_three_minutes_is_refused(client, live_server, eauth, minutes):
    action, saml_request = flow.start(client, live_server)
    _status, page = flow.post_to_idp(action, saml_request)
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=minutes)
    with time_machine.travel(moment, tick=True):
        response = flow.finish(client, live_server, flow.saml_response_from(page))
    assert response.status_code == 302
    assert signed_in_user(client) is None


def _refused(client, live_server):
    response = flow.sign_in(client, live_server)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert signed_in_user(client) is None
    page = client.get(response["Location"], HTTP_HOST=flow.host_of(live_server)).content.decode()
    assert "не е валиден" in page


def test_an_assertion_for_another_audience_is_refused(client, live_server, eauth):
    eauth.behaviour.audience = "https://other.example.bg/eauth/metadata/"
    _refused(client, live_server)


def test_a_tampered_assertion_is_refused(client, live_server, eauth):
    eauth.behaviour.tamper = True
    _refused(client, live_server)


def test_an_unsigned_assertion_is_refused(client, live_server, eauth):
    eauth.behaviour.sign_assertion = False
    eauth.behaviour.encrypt = False
    _refused(client, live_server)


def test_a_response_is_accepted_once(client, live_server, eauth):
    action, saml_request = flow.start(client, live_server)
    _status, page = flow.post_to_idp(action, saml_request)
    saml_response = flow.saml_response_from(page)
    flow.finish(client, live_server, saml_response)
    client.logout()
    flow.finish(client, live_server, saml_response)
    assert signed_in_user(client) is None


def test_garbage_is_a_message_not_an_error(client, live_server, eauth):
    response = flow.finish(client, live_server, "bm90IFNBTUw=")
    assert response.status_code == 302


def test_nothing_of_eauth_is_there_when_it_is_off(client, settings):
    settings.EAUTH_ENABLED = False
    assert client.get("/eauth/metadata/").status_code == 404
    assert "електронна идентификация" not in client.get("/accounts/login/").content.decode()
