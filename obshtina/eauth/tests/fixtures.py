"""Fixtures for anything that signs in through eAuth: the local eAuth-like identity
provider and the connector's settings pointing at it. Import them into a conftest:

    from obshtina.eauth.tests.fixtures import eauth, eauth_idp  # noqa: F401
"""

import os
import shutil

import pytest

from .idp import PROVIDER_OID, SERVICE_OID, EAuthLikeIdP, key_pair


def _require_xmlsec() -> None:
    if shutil.which("xmlsec1"):
        return
    message = "xmlsec1 not found: install Debian's 'xmlsec1' package."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def eauth_idp():
    """The local eAuth-like identity provider, started on a free loopback port."""
    _require_xmlsec()
    idp = EAuthLikeIdP().start()
    yield idp
    idp.stop()


@pytest.fixture
def eauth(settings, eauth_idp, tmp_path):
    """The connector on, with a key pair of its own, pointed at ``eauth_idp``; the
    IdP is returned (its ``behaviour`` and ``person`` are the test's to change)."""
    key, cert = key_pair(tmp_path, "sp", "obshtina test SP")
    settings.EAUTH_ENABLED = True
    settings.EAUTH_IDP_METADATA = eauth_idp.metadata_url
    settings.EAUTH_SP_KEY = str(key)
    settings.EAUTH_SP_CERT = str(cert)
    settings.EAUTH_SERVICE_OID = SERVICE_OID
    settings.EAUTH_PROVIDER_OID = PROVIDER_OID
    settings.EAUTH_LEVEL_OF_ASSURANCE = "SUBSTANTIAL"
    settings.EAUTH_IDENTIFIER_KEY = "test-identifier-key-0123456789abcdef"
    return eauth_idp
