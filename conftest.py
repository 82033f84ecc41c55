import pytest


@pytest.fixture(autouse=True)
def temporary_file_roots(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folders, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


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
