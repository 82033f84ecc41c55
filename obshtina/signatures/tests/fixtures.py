"""Pytest fixtures of the test PKI, for this app's tests and for tests/browser.

Use them from another conftest with
``from obshtina.signatures.tests.fixtures import *  # noqa: F403``.

- ``signatures_pki`` (session): the test QTSP on loopback (see pki.py).
- ``signatures_settings``: SIGNATURES_ENABLED on, the LOTL and its signer from the test PKI.
- ``signing_by_pkcs11`` / ``signing_by_csc``: SIGNATURES_SIGNING_BACKEND set to sign as the
  qualified test person ("ivan") through SoftHSM2 / certomancer-csc-dummy, with
  the test TSA.
- ``signatures_trusted_lists``: as above, with the test trusted lists fetched into the
  database (the test CA granted in "BG"); needs the database.
"""

import functools

import pytest

from . import trusted_lists
from .pki import TestPKI, start_pki

__all__ = [
    "signatures_csc_service",
    "signatures_pki",
    "signatures_settings",
    "signatures_softhsm_token",
    "signatures_trusted_lists",
    "signing_by_csc",
    "signing_by_pkcs11",
]


@functools.cache
def shared_pki() -> TestPKI:
    """One test QTSP per process (its server a daemon thread), so that this app's tests
    and tests/browser, each with a conftest importing these fixtures, share it – and
    the SoftHSM2 token holding its key."""
    pki, _server = start_pki()
    bg_url = pki.publish("bg-tl.xml", trusted_lists.national_trusted_list(pki))
    lotl = trusted_lists.list_of_lists(pki, pointers={"BG": bg_url})
    pki.lotl_url = pki.publish("eu-lotl.xml", lotl)
    return pki


@functools.cache
def _shared_softhsm_token() -> dict:
    from .signing_services import softhsm_token

    return softhsm_token(shared_pki(), "ivan")


@functools.cache
def _shared_csc_service() -> str:
    from .signing_services import start_csc_service

    url, _stop = start_csc_service(shared_pki())
    return url


@pytest.fixture(scope="session")
def signatures_pki() -> TestPKI:
    """The test QTSP (pki/qtsp.yml) served on a free loopback port, with a Bulgarian
    trusted list and a list of lists at `pki.lotl_url`."""
    return shared_pki()


@pytest.fixture
def signatures_settings(settings, signatures_pki):
    settings.SIGNATURES_ENABLED = True
    settings.SIGNATURES_LOTL_URL = signatures_pki.lotl_url
    settings.SIGNATURES_LOTL_SIGNER_CERTS = str(signatures_pki.cert_path("lotl-signer"))
    settings.SIGNATURES_TRUSTED_LIST_TERRITORIES = ["BG"]
    settings.SIGNATURES_FETCH_TIMEOUT = 10
    return settings


@pytest.fixture
def signatures_trusted_lists(db, signatures_settings):
    from obshtina.signatures.services.trusted_lists import trusted_lists_refresh

    return trusted_lists_refresh(force=True)


@pytest.fixture(scope="session")
def signatures_softhsm_token(signatures_pki) -> dict:
    """A SoftHSM2 token with the qualified test person's key (SIGNATURES_PKCS11_* values)."""
    return _shared_softhsm_token()


@pytest.fixture(scope="session")
def signatures_csc_service(signatures_pki) -> str:
    """certomancer-csc-dummy on loopback; its base URL."""
    return _shared_csc_service()


@pytest.fixture
def signing_by_pkcs11(settings, signatures_pki, signatures_softhsm_token):
    settings.SIGNATURES_SIGNING_BACKEND = "pkcs11"
    settings.SIGNATURES_TSA_URL = signatures_pki.tsa_url
    for name, value in signatures_softhsm_token.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def signing_by_csc(settings, signatures_pki, signatures_csc_service):
    settings.SIGNATURES_SIGNING_BACKEND = "csc"
    settings.SIGNATURES_TSA_URL = signatures_pki.tsa_url
    settings.SIGNATURES_CSC_URL = signatures_csc_service
    settings.SIGNATURES_CSC_CREDENTIAL_ID = "qtsp/ivan"
    settings.SIGNATURES_CSC_TOKEN = ""
    settings.SIGNATURES_CSC_PIN = ""
    return settings
