"""The stack of deploy/ (tests/stack/launcher.py), booted once for the tests here.

Only on PostgreSQL (DATABASE_URL), as in production. Without nginx or redis-server
the tests are skipped, except in CI (CI=true), where that is a failure.
"""

import os

import pytest
from aiosmtpd.controller import Controller

from .launcher import StackError, missing_programs, running_stack


class CollectingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def stack_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the stack test runs on PostgreSQL only: set DATABASE_URL=postgres://...")
    if missing := missing_programs():
        message = "the stack test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def mailbox():
    return CollectingHandler()


@pytest.fixture(scope="session")
def stack(stack_database_url, mailbox, tmp_path_factory):
    base = os.environ.get("STACK_PORT_BASE")
    directory = tmp_path_factory.mktemp("stack")
    try:
        launched = running_stack(
            database_url=stack_database_url,
            port_base=int(base) if base else None,
            directory=directory,
            # Small limits, so that a test reaches them in a few requests.
            env={"API_RATE_LIMIT": "3/10m", "REPORT_RATE_LIMIT": "3/10m"},
        )
        with launched as running:
            smtp = Controller(mailbox, hostname="127.0.0.1", port=running.ports.smtp)
            smtp.start()
            try:
                yield running
            finally:
                smtp.stop()
    except StackError as error:
        pytest.fail(f"the stack did not start: {error}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and "stack" in item.funcargs:
        report.sections.append(("stack logs", item.funcargs["stack"].logs()))
    return report
