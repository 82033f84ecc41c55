"""Granting staff roles and unit memberships (services)."""

import pytest
from django.core.exceptions import ValidationError

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Membership, Role, StaffRole
from obshtina.organization.services import staff_role_grant, unit_member_add

pytestmark = pytest.mark.django_db


def test_a_staff_role_lets_the_user_open_staff_pages():
    user = UserFactory()

    staff_role_grant(user=user, role=Role.ACCESS_OFFICER)

    user.refresh_from_db()
    assert user.is_staff
    assert list(StaffRole.objects.filter(user=user).values_list("role", flat=True)) == [
        "access_officer"
    ]


def test_granting_a_role_twice_keeps_one_row():
    user = UserFactory()

    staff_role_grant(user=user, role=Role.OPERATOR)
    staff_role_grant(user=user, role=Role.OPERATOR)

    assert StaffRole.objects.filter(user=user).count() == 1


def test_an_unknown_role_is_refused_in_bulgarian():
    user = UserFactory()

    with pytest.raises(ValidationError) as error:
        staff_role_grant(user=user, role="mayor")

    assert error.value.messages == ["Няма такава роля: „mayor“."]
    user.refresh_from_db()
    assert not user.is_staff


def test_a_unit_member_can_open_staff_pages(unit):
    user = UserFactory()

    unit_member_add(user=user, unit=unit, position="Старши експерт")

    user.refresh_from_db()
    assert user.is_staff
    assert Membership.objects.get(user=user, unit=unit).position == "Старши експерт"


def test_adding_a_member_again_updates_their_place_in_the_unit(unit):
    user = UserFactory()
    unit_member_add(user=user, unit=unit)

    unit_member_add(user=user, unit=unit, is_head=True, position="Началник на отдел")

    membership = Membership.objects.get(user=user, unit=unit)
    assert membership.is_head
    assert membership.position == "Началник на отдел"
    assert Membership.objects.filter(user=user).count() == 1
