"""Shared by the JSON API's tests: an empty cache (rate limits), signed-in callers."""

import pytest
from django.core.cache import cache

from obshtina.accounts.tests.factories import UserFactory
from obshtina.api.v1.services import api_token_issue

API = "/api/v1/"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def bearer(user) -> dict:
    """Headers for the test client that sign in as `user` with a new personal token."""
    _token, secret = api_token_issue(user=user, name="Тестов телефон")
    return {"Authorization": f"Bearer {secret}"}


def citizen_with_token(**kwargs) -> tuple:
    user = UserFactory(**kwargs)
    return user, bearer(user)
