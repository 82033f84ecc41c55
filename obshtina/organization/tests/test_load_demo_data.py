"""``manage.py load_demo_data``: the municipality, its settlements, units and demo accounts."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import override_settings

from obshtina.accounts.models import User
from obshtina.organization.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, NEIGHBOUR_ACCOUNTS
from obshtina.organization.models import Membership, Municipality, Settlement, StaffRole, Unit
from obshtina.organization.permissions import roles_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("as_first_municipality")]

MODELS = [Municipality, Settlement, Unit, User, StaffRole, Membership, EmailAddress]


def load(**settings) -> str:
    out = StringIO()
    with override_settings(**{"DEMO": True, **settings}):
        call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_samokov_with_its_27_villages_and_units():
    load()

    municipality = Municipality.objects.get(slug="samokov")
    assert municipality.name == "Община Самоков"
    assert municipality.contact_phone == "0700 20 117"
    assert Settlement.objects.get(kind="town").name == "Самоков"
    assert Settlement.objects.filter(kind="village").count() == 27
    assert Unit.objects.filter(
        name="Деловодство", parent__slug="administrativno-pravno-obsluzhvane"
    )


def test_every_settlement_lies_inside_the_municipality():
    load()
    municipality = Municipality.objects.get(slug="samokov")

    outside = [
        settlement.name
        for settlement in Settlement.objects.all()
        if not municipality.contains(float(settlement.latitude), float(settlement.longitude))
    ]

    assert outside == []


def test_running_it_twice_changes_nothing():
    load()
    first = counts()

    load()

    assert counts() == first
    assert first["User"] == len(DEMO_ACCOUNTS) + len(NEIGHBOUR_ACCOUNTS)


def test_what_an_administrator_edited_is_left_as_it_is():
    load()
    Municipality.objects.update(name="Община Самоков (тест)")
    Unit.objects.filter(slug="delovodstvo").update(phone="0722 1 23 45")

    load()

    assert Municipality.objects.get(slug="samokov").name == "Община Самоков (тест)"
    assert Unit.objects.get(slug="delovodstvo").phone == "0722 1 23 45"


def test_with_demo_off_no_demo_accounts_are_created():
    output = load(DEMO=False)

    assert User.objects.count() == 0
    assert "demo accounts: skipped" in output
    assert DEMO_PASSWORD not in output
    assert Unit.objects.exists()


def test_it_prints_progress_and_the_demo_logins():
    output = load()

    assert "settlements: 28 created" in output
    for account in DEMO_ACCOUNTS:
        assert account.email in output
    assert DEMO_PASSWORD in output


def test_each_demo_account_holds_its_role():
    load()

    roles = {user.email: roles_of(user) for user in User.objects.all()}

    assert roles["citizen@demo.samokov.bg"] == {"citizen"}
    assert "operator" in roles["operator@demo.samokov.bg"]
    assert roles["officer@demo.samokov.bg"] == {"citizen", "officer"}
    assert "unit_head" in roles["head@demo.samokov.bg"]
    assert "access_officer" in roles["access@demo.samokov.bg"]
    assert "reception_admin" in roles["reception@demo.samokov.bg"]
    assert "registry_clerk" in roles["registry@demo.samokov.bg"]
    assert User.objects.get(email="admin@demo.samokov.bg").is_superuser


def test_a_changed_demo_password_is_set_back_so_the_printed_one_works():
    load()
    user = User.objects.get(email="officer@demo.samokov.bg")
    user.set_password("друга-парола-123")
    user.save()

    load()

    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
