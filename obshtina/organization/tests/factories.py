"""Units, staff and items for the organisation's tests.

``Item`` stands in for reports, letters, access requests and the other item
models, which come in their own apps: it has just what ``permissions`` reads.
"""

from dataclasses import dataclass

import factory

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Municipality, Unit
from obshtina.organization.services import staff_role_grant, unit_member_add


def kostenets_found(**fields) -> Municipality:
    """A second municipality of the platform, served at kostenets.localhost."""
    values = {
        "name": "Община Костенец",
        "slug": "kostenets",
        "contact_phone": "07142 23 00",
        "map_center_lat": 42.308,
        "map_center_lng": 23.859,
        "bounds_south": 42.20,
        "bounds_west": 23.70,
        "bounds_north": 42.40,
        "bounds_east": 24.00,
    }
    return Municipality.objects.create(**(values | fields))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Отдел „Звено {n}“")
    slug = factory.Sequence(lambda n: f"zveno-{n}")


def staff(role: str):
    user = UserFactory(second_factor=True)
    staff_role_grant(user=user, role=role)
    return user


def officer_of(unit: Unit, *, is_head: bool = False, **kwargs):
    """An officer (or head) of the unit, with no other role (and, as all staff, a second factor)."""
    kwargs.setdefault("second_factor", True)
    user = UserFactory(**kwargs)
    unit_member_add(user=user, unit=unit, is_head=is_head)
    return user


member = officer_of


@dataclass
class Item:
    kind: str
    unit: Unit | None
    author: object = None
    is_public: bool = False
