import json

import pytest
from allauth.account.models import EmailAddress

from obshtina.accounts import sections
from obshtina.organization.models import Membership, Role, StaffRole, Unit

from .factories import TOTP_SECRET, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def download(client):
    response = client.get("/profile/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="moite-danni-')
    return json.loads(response.content)


def test_the_export_holds_the_account_and_its_email_addresses(client):
    user = UserFactory(first_name="Мария", last_name="Иванова", phone="+359888123456")
    EmailAddress.objects.create(user=user, email="maria.work@example.bg", verified=False)
    client.force_login(user)

    data = download(client)

    assert data["account"]["email"] == user.email
    assert data["account"]["first_name"] == "Мария"
    assert data["account"]["phone"] == "+359888123456"
    assert {address["email"] for address in data["email_addresses"]} == {
        user.email,
        "maria.work@example.bg",
    }


def test_the_export_holds_staff_roles_and_units(client):
    officer = StaffUserFactory(role=Role.OPERATOR)
    unit = Unit.objects.create(name="Отдел „Екология“", slug="ekologia")
    Membership.objects.create(user=officer, unit=unit, is_head=True)
    client.force_login(officer)

    data = download(client)

    assert data["staff_roles"] == [{"role": "operator", "name": "оператор на контактния център"}]
    assert data["memberships"] == [{"unit": "Отдел „Екология“", "is_head": True, "position": ""}]


def test_the_export_lists_the_second_factors_but_never_their_secrets(client):
    client.force_login(StaffUserFactory())

    response = client.get("/profile/export/")

    [factor] = json.loads(response.content)["second_factors"]
    assert factor["type"] == "totp"
    assert factor["last_used_at"] is None
    assert TOTP_SECRET not in response.content.decode()


def test_the_export_lists_the_notifications_sent_to_the_user(client):
    from obshtina.notifications.models import Notification

    user = UserFactory()
    Notification.objects.create(
        to_email=user.email, template="x", subject="Вашият сигнал", text_body="."
    )
    Notification.objects.create(
        to_email="other@example.bg", template="x", subject="Чуждо", text_body="."
    )
    client.force_login(user)

    data = download(client)

    assert [n["subject"] for n in data["notifications"]] == ["Вашият сигнал"]
    assert data["notifications"][0]["status"] == "pending"


def test_the_export_holds_nothing_of_another_user(client):
    other = UserFactory(first_name="Чужда", last_name="Личност", email="other@example.bg")
    StaffRole.objects.create(user=other, role=Role.ADMINISTRATOR)
    client.force_login(UserFactory())

    raw = client.get("/profile/export/").content.decode()

    assert "other@example.bg" not in raw
    assert "Чужда" not in raw
    assert "administrator" not in raw


def test_an_app_can_add_its_own_section(client, monkeypatch):
    monkeypatch.setattr(sections, "export_sections", {})
    sections.register_export_section("reports", lambda user: [{"number": "С-2025-1"}])
    client.force_login(UserFactory())

    assert download(client)["reports"] == [{"number": "С-2025-1"}]
