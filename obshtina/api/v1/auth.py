"""Who is calling: a personal token (``Authorization: Bearer …``) or the site's session.

Phone apps sign in once with e-mail and password — and the code of the second
factor when the account has one, as every staff account does (``POST auth/token``) —
and keep the token; the site's own scripts use the session and send the CSRF token
(``X-CSRFToken``) with every change. Tokens are listed and revoked here too.
"""

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from obshtina.accounts.selectors import has_second_factor
from obshtina.accounts.services import second_factor_verify
from obshtina.organization.permissions import needs_second_factor
from obshtina.reception.selectors import has_confirmed_email

from . import limits, schemas, selectors, services
from .contract import server_checks
from .errors import ApiError
from .pagination import Pages

router = Router(tags=["Профил и ключове"])


class BearerToken(HttpBearer):
    """A personal API token; a wrong one is simply not a sign-in (never logged)."""

    def __call__(self, request):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        user = services.api_token_authenticate(token)
        if user is not None:
            refuse_staff_without_second_factor(user)
            request.user = user
        return user


class SiteSession(APIKeyCookie):
    """The site's session; changes need the CSRF token, as on the site's forms."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None  # nobody to protect: no CSRF check, and the next answer is 401
        return super()._get_key(request)

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


bearer_token = BearerToken()
site_session = SiteSession()
AUTH = [bearer_token, site_session]


def refuse_staff_without_second_factor(user) -> None:
    """Staff reach the API, as the site, only once they have a second factor (the
    site's session is checked by ``SecondFactorRequiredMiddleware``)."""
    if needs_second_factor(user) and not has_second_factor(user):
        raise ApiError(
            403,
            "second_factor_required",
            _(
                "Служителите влизат с втори фактор. Настройте приложение за "
                "удостоверяване или ключ за сигурност в профила си на сайта."
            ),
        )


def _check_second_factor(user, code: str) -> None:
    """An account with a second factor gets a token only with its code as well."""
    refuse_staff_without_second_factor(user)
    if not has_second_factor(user):
        return
    if not code.strip():
        raise ApiError(
            400,
            "code_required",
            _("Профилът ви е защитен с втори фактор: изпратете и кода от приложението."),
            fields={"code": [_("Полето е задължително.")]},
        )
    try:
        second_factor_verify(user=user, code=code.strip())
    except ValidationError as error:
        raise ApiError(
            400, "invalid_code", " ".join(error.messages), fields={"code": error.messages}
        ) from error


def optional_user(request):
    """The signed-in user of a public endpoint (token or session with CSRF), or None.

    A session without a valid CSRF token is refused (403) rather than taken for
    an anonymous caller, so another site cannot act in a signed-in citizen's name.
    """
    user = bearer_token(request)
    if user is not None:
        return user
    if request.user.is_authenticated:
        if check_csrf(request):
            raise HttpError(403, "CSRF check Failed")
        return request.user
    return None


def user_of(request):
    """The authenticated user of an endpoint that requires one."""
    return request.auth


@router.post(
    "auth/token",
    response={201: schemas.TokenCreated, **schemas.errors(400, 403, 429)},
    summary="Вход с имейл и парола: нов личен ключ",
)
@server_checks(
    {
        "code": "required when the account has a second factor: the authenticator app's "
        "current code or an unused recovery code",
    },
    state_errors={"invalid_credentials": "400, no account has this e-mail and password"},
)
def token_create(request, payload: schemas.TokenIn):
    """The token is in the answer only this once; keep it on the device."""
    limits.refuse_if_limited(request, scope="token")
    user = authenticate(request, email=payload.email.strip(), password=payload.password)
    if user is None:
        limits.count(request, scope="token")
        raise ApiError(400, "invalid_credentials", _("Грешен имейл или парола."))
    if not has_confirmed_email(user):
        raise ApiError(
            403,
            "unconfirmed",
            _("Потвърдете имейла си с връзката, която ви изпратихме, и опитайте отново."),
        )
    _check_second_factor(user, payload.code)
    token, secret = services.api_token_issue(user=user, name=payload.name)
    return Status(
        201, {"id": token.pk, "name": token.name, "token": secret, "created_at": token.created_at}
    )


@router.get(
    "auth/tokens", auth=AUTH, response={200: list[schemas.TokenOut], **schemas.errors(400, 401)}
)
@paginate(Pages)
def token_list(request):
    """The user's tokens (never the secrets), newest first."""
    return selectors.api_tokens_of(user_of(request))


@router.delete(
    "auth/tokens/{token_id}",
    auth=AUTH,
    response={204: None, **schemas.errors(400, 401, 403, 404)},
)
def token_revoke(request, token_id: schemas.Id):
    if not services.api_token_revoke(user=user_of(request), token_id=token_id):
        raise ApiError(404, "not_found", _("Няма такъв ключ."))
    return Status(204, None)


@router.get("me", auth=AUTH, response={200: schemas.MeOut, **schemas.errors(401)})
def me(request):
    """The signed-in user's own data."""
    user = user_of(request)
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": str(user.phone) if user.phone else "",
        "email_verified": has_confirmed_email(user),
    }
