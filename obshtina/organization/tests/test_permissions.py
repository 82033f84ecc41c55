"""The access matrix: who may see (V) and manage (M) a private item of each kind.

Every item below belongs to the unit "Отдел „Екология и чистота“" and was
submitted by "author"; none is public.
"""

import pytest

from obshtina.organization.models import Role
from obshtina.organization.permissions import can_manage_item, can_view_item, roles_of

from .factories import Item

pytestmark = pytest.mark.django_db

KINDS = ["report", "question", "letter", "access_request", "appointment"]

# fmt: off
MATRIX = {
    #                            report question letter access_request appointment
    "anonymous":               ["--",   "--",    "--",  "--",          "--"],
    "author":                  ["V-",   "V-",    "V-",  "V-",          "V-"],
    "other citizen":           ["--",   "--",    "--",  "--",          "--"],
    "operator":                ["V-",   "V-",    "--",  "--",          "--"],
    "officer of the unit":     ["VM",   "VM",    "VM",  "VM",          "VM"],
    "officer of another unit": ["--",   "--",    "--",  "--",          "--"],
    "head of the unit":        ["VM",   "VM",    "VM",  "VM",          "VM"],
    "access officer":          ["--",   "--",    "--",  "VM",          "--"],
    "reception admin":         ["--",   "--",    "--",  "--",          "VM"],
    "registry clerk":          ["--",   "--",    "VM",  "VM",          "--"],
    "editor":                  ["--",   "--",    "--",  "--",          "--"],
    "administrator":           ["VM",   "VM",    "VM",  "VM",          "VM"],
    "superuser":               ["VM",   "VM",    "VM",  "VM",          "VM"],
}
# fmt: on

CELLS = [
    pytest.param(actor, kind, cell, id=f"{actor}-{kind}")
    for actor, row in MATRIX.items()
    for kind, cell in zip(KINDS, row, strict=True)
]


@pytest.mark.parametrize(("actor", "kind", "cell"), CELLS)
def test_each_role_sees_and_manages_exactly_what_the_matrix_says(people, unit, actor, kind, cell):
    item = Item(kind=kind, unit=unit, author=people["author"])
    user = people[actor]

    allowed = ("V" if can_view_item(user, item) else "-") + (
        "M" if can_manage_item(user, item) else "-"
    )

    assert allowed == cell


def test_the_matrix_has_a_row_for_every_staff_role(people):
    roles_in_matrix = set().union(*(roles_of(user) for user in people.values()))

    assert set(Role.values) | {"citizen", "officer", "unit_head"} <= roles_in_matrix
