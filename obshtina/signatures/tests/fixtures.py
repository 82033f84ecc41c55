"""Pytest fixtures of the test PKI, for this app's tests and for tests/browser.

Use them from another conftest with
``from obshtina.signatures.tests.fixtures import *  # noqa: F403``.
"""

import pytest

from .pki import TestPKI, start_pki

__all__ = ["signatures_pki"]


@pytest.fixture(scope="session")
def signatures_pki() -> TestPKI:
    """The test QTSP (pki/qtsp.yml) served on a free loopback port for the session."""
    pki, server = start_pki()
    yield pki
    server.shutdown()
