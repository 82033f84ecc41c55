"""Who holds which role, which units, and which staff pages they may open."""

import pytest
from django.contrib.auth.models import AnonymousUser

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Role
from obshtina.organization.permissions import (
    can_edit_knowledge,
    can_edit_units,
    can_use_console,
    can_view_outbox,
    can_view_registry,
    has_role,
    is_staff_member,
    roles_of,
    units_of,
)
from obshtina.organization.services import staff_role_grant

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_has_no_roles_and_no_units():
    visitor = AnonymousUser()

    assert roles_of(visitor) == set()
    assert not is_staff_member(visitor)
    assert list(units_of(visitor)) == []


def test_a_registered_user_is_a_citizen_and_nothing_more():
    user = UserFactory()

    assert roles_of(user) == {"citizen"}
    assert not is_staff_member(user)


def test_a_unit_head_is_also_an_officer(people):
    assert roles_of(people["head of the unit"]) == {"citizen", "officer", "unit_head"}
    assert roles_of(people["officer of the unit"]) == {"citizen", "officer"}


def test_a_superuser_counts_as_an_administrator(people):
    assert has_role(people["superuser"], "administrator")


def test_an_officer_works_only_in_their_own_units(people, unit):
    assert list(units_of(people["officer of the unit"])) == [unit]
    assert unit not in units_of(people["officer of another unit"])


def test_a_role_granted_after_a_check_counts_at_once():
    user = UserFactory()
    assert not has_role(user, Role.OPERATOR)

    staff_role_grant(user=user, role=Role.OPERATOR)

    assert has_role(user, Role.OPERATOR)


# fmt: off
STAFF_PAGES = {
    #                            outbox registry edit units edit knowledge  console
    "anonymous":               ["-",    "-",     "-",       "-",              "-"],
    "author":                  ["-",    "-",     "-",       "-",              "-"],
    "operator":                ["Y",    "Y",     "-",       "-",              "Y"],
    "officer of the unit":     ["-",    "Y",     "-",       "-",              "-"],
    "head of the unit":        ["-",    "Y",     "-",       "-",              "-"],
    "access officer":          ["-",    "Y",     "-",       "-",              "-"],
    "reception admin":         ["-",    "Y",     "-",       "-",              "-"],
    "registry clerk":          ["Y",    "Y",     "-",       "-",              "-"],
    "editor":                  ["-",    "Y",     "-",       "Y",              "-"],
    "administrator":           ["Y",    "Y",     "Y",       "Y",              "Y"],
    "superuser":               ["Y",    "Y",     "Y",       "Y",              "Y"],
}
# fmt: on


@pytest.mark.parametrize(("actor", "row"), STAFF_PAGES.items(), ids=list(STAFF_PAGES))
def test_each_role_opens_exactly_the_staff_pages_the_table_says(people, actor, row):
    user = people[actor]
    checks = [
        can_view_outbox,
        can_view_registry,
        can_edit_units,
        can_edit_knowledge,
        can_use_console,
    ]

    assert ["Y" if check(user) else "-" for check in checks] == row
