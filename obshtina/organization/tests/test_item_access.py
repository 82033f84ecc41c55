"""Item access beyond the matrix: public items, authors on staff, unrouted items."""

import pytest
from django.contrib.auth.models import AnonymousUser

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Role
from obshtina.organization.permissions import can_manage_item, can_view_item
from obshtina.organization.services import unit_member_add

from .factories import Item, member, staff

pytestmark = pytest.mark.django_db


def test_anyone_sees_a_public_item_but_an_anonymous_visitor_cannot_manage_it(unit):
    item = Item(kind="report", unit=unit, is_public=True)

    assert can_view_item(AnonymousUser(), item)
    assert can_view_item(UserFactory(), item)
    assert not can_manage_item(AnonymousUser(), item)
    assert not can_manage_item(UserFactory(), item)


def test_an_author_manages_their_own_item_only_as_an_officer_of_its_unit(unit, other_unit):
    author = UserFactory()
    item = Item(kind="report", unit=unit, author=author)
    unit_member_add(user=author, unit=other_unit)
    assert not can_manage_item(author, item)

    unit_member_add(user=author, unit=unit)

    assert can_manage_item(author, item)


def test_an_item_not_yet_routed_to_a_unit_is_hidden_from_officers(unit):
    item = Item(kind="report", unit=None, author=UserFactory())

    assert not can_view_item(member(unit), item)
    assert can_view_item(staff(Role.OPERATOR), item)


@pytest.mark.parametrize("kind", ["complaint", "proposal"])
def test_complaints_and_proposals_go_through_the_registry_desk_like_letters(unit, kind):
    item = Item(kind=kind, unit=unit, author=UserFactory())

    assert can_manage_item(staff(Role.REGISTRY_CLERK), item)
    assert not can_view_item(staff(Role.OPERATOR), item)


def test_a_deactivated_officer_sees_nothing_of_their_unit(unit):
    officer = member(unit)
    officer.is_active = False
    officer.save()
    item = Item(kind="report", unit=unit)

    assert not can_view_item(officer, item)
    assert not can_manage_item(officer, item)


def test_a_deactivated_author_no_longer_sees_their_item(unit):
    author = UserFactory(is_active=False)

    assert not can_view_item(author, Item(kind="letter", unit=unit, author=author))
