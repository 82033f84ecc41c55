import pytest
from django.contrib.auth.models import AnonymousUser

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Role
from obshtina.organization.selectors import current_municipality

from .factories import UnitFactory, kostenets_found, member, staff


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Екология и чистота“")


@pytest.fixture
def other_unit():
    return UnitFactory(name="Дирекция „Местни данъци и такси“")


@pytest.fixture
def people(unit, other_unit):
    """One person per row of the access matrix; the items belong to `unit`."""
    return {
        "anonymous": AnonymousUser(),
        "author": UserFactory(),
        "other citizen": UserFactory(),
        "operator": staff(Role.OPERATOR),
        "officer of the unit": member(unit),
        "officer of another unit": member(other_unit),
        "head of the unit": member(unit, is_head=True),
        "access officer": staff(Role.ACCESS_OFFICER),
        "reception admin": staff(Role.RECEPTION_ADMIN),
        "registry clerk": staff(Role.REGISTRY_CLERK),
        "editor": staff(Role.EDITOR),
        "administrator": staff(Role.ADMINISTRATOR),
        "superuser": UserFactory(is_staff=True, is_superuser=True, second_factor=True),
    }


@pytest.fixture
def samokov():
    return current_municipality()  # the installation's first municipality


@pytest.fixture
def kostenets(samokov):
    """A second municipality of the platform, at kostenets.localhost."""
    return kostenets_found()
