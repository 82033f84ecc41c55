"""Each person's language (for their e-mails) and, for staff, how they hear of new work."""

import pytest
from django.conf import settings

from obshtina.accounts.models import User
from obshtina.organization.services import unit_member_add
from obshtina.organization.tests.factories import UnitFactory

from .factories import UserFactory
from .logins import log_in

pytestmark = pytest.mark.django_db

DETAILS = {"first_name": "Петя", "last_name": "Петрова", "phone": ""}


@pytest.fixture
def officer():
    user = UserFactory(second_factor=True)
    unit_member_add(user=user, unit=UnitFactory())
    return user


def test_a_new_account_writes_in_bulgarian_and_tells_at_once():
    user = UserFactory()

    assert (user.language, user.work_notices) == ("bg", "at_once")


def test_a_citizen_chooses_the_language_of_their_emails(client):
    user = UserFactory()
    client.force_login(user)
    assert '<label for="id_language">Език на имейлите</label>' in client.get("/profile/edit/").text

    response = client.post("/profile/edit/", {**DETAILS, "language": "en"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
    assert "English" in client.get("/profile/").text


def test_a_citizen_is_not_offered_the_work_notices_and_cannot_set_them(client):
    user = UserFactory()
    client.force_login(user)
    assert "id_work_notices" not in client.get("/profile/edit/").text

    client.post("/profile/edit/", {**DETAILS, "language": "bg", "work_notices": "digest"})

    user.refresh_from_db()
    assert user.work_notices == "at_once"


def test_an_officer_chooses_the_morning_digest(client, officer):
    client.force_login(officer)
    assert '<label for="id_work_notices">' in client.get("/profile/edit/").text

    client.post("/profile/edit/", {**DETAILS, "language": "bg", "work_notices": "digest"})

    officer.refresh_from_db()
    assert officer.work_notices == User.WorkNotices.DIGEST
    assert "веднъж на ден, сутрин, в един имейл" in client.get("/profile/").text


def test_an_unknown_language_is_refused_with_a_message(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/profile/edit/", {**DETAILS, "language": "xx"})

    assert response.status_code == 200
    assert "Изберете български или английски." in response.text
    user.refresh_from_db()
    assert user.language == "bg"


def test_switching_the_site_language_is_remembered_on_the_account(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"


def test_a_visitor_switches_the_language_without_an_account(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unsupported_language_from_the_switch_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "de", "next": "/"})

    user.refresh_from_db()
    assert user.language == "bg"


def test_signing_up_in_english_makes_the_emails_english(client, signup_data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post("/accounts/signup/", signup_data)

    assert User.objects.get(email="maria@example.bg").language == "en"


def test_the_data_export_holds_the_preferences(client):
    client.force_login(UserFactory(language="en"))

    account = client.get("/profile/export/").json()["account"]

    assert (account["language"], account["work_notices"]) == ("en", "at_once")


def test_signing_in_on_a_new_device_brings_the_accounts_language(client):
    user = UserFactory(language="en")
    assert '<html lang="bg">' in client.get("/").text

    log_in(client, user)

    assert '<html lang="en">' in client.get("/").text


def test_a_language_chosen_on_this_device_wins_over_the_accounts(client):
    user = UserFactory(language="en")
    client.post("/i18n/setlang/", {"language": "bg", "next": "/"})

    log_in(client, user)

    assert '<html lang="bg">' in client.get("/").text
