"""Roles and memberships given in the Django admin open the staff pages too."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.organization.models import Membership, StaffRole

pytestmark = pytest.mark.django_db

# admin_client is pytest-django's: a client logged in as a superuser.


def test_a_role_added_in_the_admin_makes_the_user_staff(admin_client):
    user = UserFactory()

    response = admin_client.post(
        "/admin/organization/staffrole/add/", {"user": user.pk, "role": "operator"}
    )

    assert response.status_code == 302
    assert StaffRole.objects.filter(user=user, role="operator").exists()
    user.refresh_from_db()
    assert user.is_staff


def test_a_member_added_to_a_unit_in_the_admin_becomes_staff(admin_client, unit):
    user = UserFactory()

    response = admin_client.post(
        f"/admin/organization/unit/{unit.pk}/change/",
        {
            "name": unit.name,
            "slug": unit.slug,
            "kind": unit.kind,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": user.pk,
            "memberships-0-unit": unit.pk,
            "memberships-0-position": "Инспектор",
        },
    )

    assert response.status_code == 302
    assert Membership.objects.filter(user=user, unit=unit).exists()
    user.refresh_from_db()
    assert user.is_staff


def test_a_settlement_outside_the_municipality_is_refused_in_the_admin(admin_client, samokov):
    from obshtina.organization.models import Settlement

    fields = {"name": "Бели Искър", "kind": "village", "ekatte": ""}
    outside = admin_client.post(
        "/admin/organization/settlement/add/",
        {**fields, "latitude": "42.6977", "longitude": "23.3219"},  # Sofia
    )
    assert outside.status_code == 200
    assert f"Точката е извън границите на {samokov.name}." in outside.text
    assert not Settlement.objects.filter(name="Бели Искър").exists()

    inside = admin_client.post(
        "/admin/organization/settlement/add/",
        {**fields, "latitude": "42.2400", "longitude": "23.5500"},
    )
    assert inside.status_code == 302
    assert Settlement.objects.filter(name="Бели Искър").exists()
