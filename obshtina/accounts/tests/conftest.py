import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signup_data():
    return {
        "email": "maria@example.bg",
        "first_name": "Мария",
        "last_name": "Иванова",
        "phone": "0888 123 456",
        "password1": "Рила-Мусала-2925",
        "password2": "Рила-Мусала-2925",
    }
