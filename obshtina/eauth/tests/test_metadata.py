"""Our metadata: what eAuth fetches from the Issuer and what is registered with it."""

from io import StringIO

import pytest
from django.core.management import call_command

from .idp import key_pair


@pytest.fixture
def sp_keys(settings, tmp_path):
    key, cert = key_pair(tmp_path, "sp", "obshtina test SP")
    settings.EAUTH_ENABLED = True
    settings.EAUTH_SP_KEY, settings.EAUTH_SP_CERT = str(key), str(cert)
    return cert


def _certificate_body(cert) -> str:
    lines = cert.read_text().splitlines()
    return "".join(line for line in lines if "CERTIFICATE" not in line)


@pytest.mark.django_db
def test_the_metadata_names_its_own_url_the_acs_and_the_certificate(client, sp_keys):
    response = client.get("/eauth/metadata/")
    xml = response.content.decode()
    assert response["Content-Type"] == "application/samlmetadata+xml"
    assert 'entityID="http://testserver/eauth/metadata/"' in xml
    assert 'Location="http://testserver/eauth/acs/"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml
    assert _certificate_body(sp_keys)[:60] in xml.replace("\n", "")


def test_the_command_prints_the_metadata_for_the_site_address(sp_keys):
    out, err = StringIO(), StringIO()
    call_command("eauth_metadata", "--site-url", "https://e.samokov.bg/", stdout=out, stderr=err)
    assert 'entityID="https://e.samokov.bg/eauth/metadata/"' in out.getvalue()
    assert "https://e.samokov.bg/eauth/metadata/" in err.getvalue()
