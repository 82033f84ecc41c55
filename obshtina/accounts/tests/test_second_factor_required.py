"""Staff reach no page, API operation or admin page before they have a second factor;
citizens are never made to set one up."""

import pytest

from obshtina.organization.models import Role
from obshtina.organization.services import staff_role_grant, unit_member_add
from obshtina.organization.tests.factories import UnitFactory
from obshtina.reception.tests.factories import ScheduleFactory

from .factories import StaffUserFactory, UserFactory, give_second_factor, totp_code
from .logins import confirm_password, log_in, log_in_with_code

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/"


def with_role(role):
    user = UserFactory()
    staff_role_grant(user=user, role=role)
    return user


def unit_member():
    user = UserFactory()
    unit_member_add(user=user, unit=UnitFactory())
    return user


def schedule_official():
    user = UserFactory()
    ScheduleFactory(officials=[user])
    return user


STAFF_WITHOUT_FACTOR = {
    "operator": lambda: with_role(Role.OPERATOR),
    "registry clerk": lambda: with_role(Role.REGISTRY_CLERK),
    "access officer": lambda: with_role(Role.ACCESS_OFFICER),
    "reception admin": lambda: with_role(Role.RECEPTION_ADMIN),
    "editor": lambda: with_role(Role.EDITOR),
    "administrator": lambda: with_role(Role.ADMINISTRATOR),
    "officer of a unit": unit_member,
    "official of a schedule": schedule_official,
    "is_staff only": lambda: UserFactory(is_staff=True),
    "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
}


@pytest.mark.parametrize("kind", STAFF_WITHOUT_FACTOR)
def test_every_kind_of_staff_without_a_second_factor_is_taken_to_set_one_up(client, kind):
    client.force_login(STAFF_WITHOUT_FACTOR[kind]())

    response = client.get("/registry/")

    assert response.status_code == 302
    assert response.url == SETUP


@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/templates/", "/info/console/", "/profile/", "/"]
)
def test_no_page_opens_for_staff_without_a_second_factor(client, path):
    client.force_login(StaffUserFactory(role="operator", second_factor=False))

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == SETUP


def test_the_admin_does_not_open_either(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response.url == SETUP


def test_the_api_answers_403_in_json_to_the_staff_session(client):
    client.force_login(StaffUserFactory(second_factor=False))

    response = client.get("/api/v1/me")

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert "втори фактор" in response.json()["message"]


def test_an_htmx_request_is_sent_to_the_setup_page_by_the_browser(client):
    client.force_login(StaffUserFactory(second_factor=False))

    response = client.get("/registry/", headers={"HX-Request": "true"})

    assert response.headers["HX-Redirect"] == SETUP


def test_the_setup_page_explains_why_and_logging_out_still_works(client):
    client.force_login(StaffUserFactory(second_factor=False))

    page = client.get(SETUP)
    logout = client.post("/accounts/logout/")

    assert page.status_code == 200
    assert "Служителите влизат с втори фактор" in page.text
    assert logout.status_code == 302
    assert client.get("/profile/").url.startswith("/accounts/login/")


def test_after_setting_up_the_app_the_staff_page_opens_and_is_offered_to_continue(client):
    log_in(client, StaffUserFactory(second_factor=False))
    client.get("/registry/?q=2026-000123")
    confirm_password(client)
    activate = client.get("/accounts/2fa/totp/activate/")
    secret = activate.context["form"].secret

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    codes_page = client.get(response.url)

    assert response.url == "/accounts/2fa/recovery-codes/"
    assert 'href="/registry/?q=2026-000123"' in codes_page.text
    assert client.get("/registry/").status_code == 200


def test_staff_with_a_second_factor_open_their_pages(client):
    client.force_login(StaffUserFactory())

    assert client.get("/registry/").status_code == 200


def test_recovery_codes_alone_are_not_enough(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = StaffUserFactory(second_factor=False)
    RecoveryCodes.activate(user)
    client.force_login(user)

    assert client.get("/registry/").url == SETUP


def test_a_citizen_without_a_second_factor_is_never_made_to_set_one_up(client):
    client.force_login(UserFactory())

    assert client.get("/profile/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_a_citizen_may_turn_it_on(client):
    user = UserFactory()
    log_in(client, user)
    confirm_password(client)
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret

    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert "(включено)" in client.get("/profile/").text


def test_staff_cannot_switch_off_their_only_second_factor(client):
    user = StaffUserFactory()
    log_in_with_code(client, user)
    confirm_password(client)

    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 200
    assert "Служителите не могат да изключат" in response.text
    assert user.authenticator_set.filter(type="totp").exists()


def test_a_citizen_can_switch_it_off(client):
    user = UserFactory()
    give_second_factor(user)
    log_in_with_code(client, user)
    confirm_password(client)

    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert not user.authenticator_set.exists()
