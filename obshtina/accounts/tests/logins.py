"""Logging in through allauth's real pages, for tests where it matters how the person
signed in (managing the second factor asks for a recent login)."""

from .factories import PASSWORD, TOTP_SECRET, totp_code

LOGIN = "/accounts/login/"
SECOND_STEP = "/accounts/2fa/authenticate/"


def log_in(client, user, *, password: str = PASSWORD):
    """The password step; the answer redirects to the second step when there is one."""
    return client.post(LOGIN, {"login": user.email, "password": password})


def log_in_with_code(client, user, *, code: str | None = None):
    """Both steps: the password, then a code (the app's current one by default)."""
    response = log_in(client, user)
    assert response.url == SECOND_STEP, response.url
    return client.post(SECOND_STEP, {"code": code or totp_code(TOTP_SECRET)})


def confirm_password(client, *, password: str = PASSWORD):
    """allauth asks for the password again before any change to the second factor."""
    return client.post("/accounts/reauthenticate/", {"password": password})
