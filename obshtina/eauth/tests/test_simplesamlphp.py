"""Our service provider signs in through an independent implementation: SimpleSAMLphp
(Debian's package) serving one static user with eAuth's attributes."""

import os
import re
from html import unescape

import pytest
import requests
from django.contrib.auth import get_user_model

from . import flow
from .idp import PROVIDER_OID, SERVICE_OID, key_pair
from .simplesamlphp import PASSWORD, USERNAME, SimpleSamlPhpIdP, available

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def simplesamlphp(settings, live_server, tmp_path):
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    key, cert = key_pair(tmp_path, "sp", "obshtina test SP")
    idp = SimpleSamlPhpIdP(
        tmp_path / "simplesamlphp",
        sp_entity_id=live_server.url + "/eauth/metadata/",
        sp_acs=live_server.url + "/eauth/acs/",
        sp_cert=cert,
    ).start()
    settings.EAUTH_ENABLED = True
    settings.EAUTH_IDP_METADATA = idp.metadata_url
    settings.EAUTH_SP_KEY, settings.EAUTH_SP_CERT = str(key), str(cert)
    settings.EAUTH_SERVICE_OID, settings.EAUTH_PROVIDER_OID = SERVICE_OID, PROVIDER_OID
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    yield idp
    idp.stop()


def _caused_by(page: str) -> str:
    return unescape(page[page.find("Caused by") :][:1500])


def form_of(page: str) -> tuple[str, dict[str, str]]:
    action = unescape(re.search(r'<form[^>]*action="([^"]*)"', page).group(1))
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
    }
    return action, fields


def test_a_person_signs_in_through_simplesamlphp(client, live_server, simplesamlphp):
    action, saml_request = flow.start(client, live_server)
    browser = requests.Session()
    login_page = browser.post(action, data={"SAMLRequest": saml_request}, timeout=30)
    assert 'name="username"' in login_page.text, _caused_by(login_page.text)
    login_action, fields = form_of(login_page.text)
    fields.update({"username": USERNAME, "password": PASSWORD})
    answer = browser.post(
        requests.compat.urljoin(login_page.url, login_action), data=fields, timeout=30
    )
    _acs, posted = form_of(answer.text)
    assert "SAMLResponse" in posted, _caused_by(answer.text)
    assert "EncryptedAssertion" in flow.decoded(posted["SAMLResponse"])
    response = flow.finish(client, live_server, posted["SAMLResponse"])
    assert response["Location"] == "/profile/"
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    assert (user.first_name, user.last_name) == ("Петър", "Стоянов")
