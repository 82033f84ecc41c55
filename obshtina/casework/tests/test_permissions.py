"""Who keeps answer templates, role by role, and which templates each one keeps."""

import pytest
from django.contrib.auth.models import AnonymousUser

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Role
from obshtina.organization.permissions import can_keep_answer_template, can_keep_answer_templates
from obshtina.organization.tests.factories import UnitFactory, member, staff

from .helpers import answer_template

pytestmark = pytest.mark.django_db

# fmt: off
KEEPS = {
    #                       any page  the unit's  another unit's  the municipality's
    "anonymous":            ["-",     "-",        "-",            "-"],
    "citizen":              ["-",     "-",        "-",            "-"],
    "operator":             ["-",     "-",        "-",            "-"],
    "officer of the unit":  ["-",     "-",        "-",            "-"],
    "head of the unit":     ["Y",     "Y",        "-",            "-"],
    "access officer":       ["-",     "-",        "-",            "-"],
    "registry clerk":       ["-",     "-",        "-",            "-"],
    "editor":               ["Y",     "Y",        "Y",            "Y"],
    "administrator":        ["Y",     "Y",        "Y",            "Y"],
}
# fmt: on


def person(actor: str, unit):
    return {
        "anonymous": AnonymousUser,
        "citizen": UserFactory,
        "operator": lambda: staff(Role.OPERATOR),
        "officer of the unit": lambda: member(unit),
        "head of the unit": lambda: member(unit, is_head=True),
        "access officer": lambda: staff(Role.ACCESS_OFFICER),
        "registry clerk": lambda: staff(Role.REGISTRY_CLERK),
        "editor": lambda: staff(Role.EDITOR),
        "administrator": lambda: staff(Role.ADMINISTRATOR),
    }[actor]()


@pytest.mark.parametrize(("actor", "row"), KEEPS.items(), ids=list(KEEPS))
def test_each_role_keeps_exactly_the_templates_the_table_says(actor, row):
    unit = UnitFactory()
    user = person(actor, unit)
    templates = [
        answer_template(unit=unit),
        answer_template(unit=UnitFactory()),
        answer_template(),
    ]

    keeps = [can_keep_answer_templates(user)] + [
        can_keep_answer_template(user, template) for template in templates
    ]

    assert ["Y" if answer else "-" for answer in keeps] == row
