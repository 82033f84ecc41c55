import socket
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller

from .factories import StaffFactory, UserFactory
from .push_helpers import PushService, vapid_keys


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def citizen(db):
    return UserFactory()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port():
    """A loopback port with nothing listening on it (yet)."""
    return free_port()


@pytest.fixture
def smtp_settings(settings, smtp_port):
    """Real SMTP delivery to 127.0.0.1:<smtp_port>."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


class CollectingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(smtp_port):
    """Start a real SMTP server on the port: `with smtp_server() as received:`."""

    @contextmanager
    def running():
        handler = CollectingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            yield handler.envelopes
        finally:
            controller.stop()

    return running


@pytest.fixture
def vapid(settings):
    """Web push switched on."""
    keys = vapid_keys()
    settings.VAPID_PUBLIC_KEY = keys["VAPID_PUBLIC_KEY"]
    settings.VAPID_PRIVATE_KEY = keys["VAPID_PRIVATE_KEY"]
    settings.VAPID_SUBJECT = "mailto:obshtina@samokov.bg"
    return settings


@pytest.fixture
def push_service(monkeypatch):
    """pywebpush's webpush replaced: records what would be sent, or fails."""
    service = PushService()
    monkeypatch.setattr("obshtina.notifications.push.webpush", service)
    return service
