import pytest

from .factories import UnitFactory
from .staff_helpers import officer_of


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def officer(client, unit):
    """An officer of `unit`, logged in with the test client."""
    user = officer_of(unit)
    client.force_login(user)
    return user
