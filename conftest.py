import pytest


@pytest.fixture(autouse=True)
def temporary_file_roots(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folders, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def every_municipality():
    """A test reads and writes rows directly, whichever municipality owns them; what
    it asks of the site (the test client, the browser) is scoped as in production, by
    the host (organization.middleware)."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        yield


@pytest.fixture
def as_first_municipality():
    """The test reads rows as the first municipality's site does – for tests of what
    the demo loads, which also founds a neighbour municipality."""
    from obshtina.organization.hosts import serving
    from obshtina.organization.selectors import current_municipality

    with serving(current_municipality()):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters and remembered
    receipts of earlier tests (same process, same client address) must not leak."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser (behind ``admin_client``), with the second factor
    every member of staff must have."""
    from obshtina.accounts.tests.factories import UserFactory

    return UserFactory(
        email="admin@example.com", is_staff=True, is_superuser=True, second_factor=True
    )


@pytest.fixture
def operator(client, db):
    """A contact-centre operator, signed in on ``client``."""
    from obshtina.accounts.tests.factories import StaffUserFactory

    user = StaffUserFactory(role="operator")
    client.force_login(user)
    return user


@pytest.fixture
def database_unreachable(transactional_db, settings):
    """The database stops answering, for real: the connection is closed and pointed at a
    place where no database is — on PostgreSQL a local port that is bound but not
    listening (connections are refused, as during a restart), on SQLite a file in a
    folder that does not exist. Nothing of ours is mocked; the shared server is untouched.
    """
    import socket
    from pathlib import Path

    from django.db import connection

    settings.DEBUG = False
    saved = dict(connection.settings_dict)
    connection.close()
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        if connection.vendor == "postgresql":
            connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port.getsockname()[1])
        else:
            connection.settings_dict["NAME"] = str(
                Path(saved["NAME"]).parent / "no-such-dir" / "db"
            )
        yield
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
