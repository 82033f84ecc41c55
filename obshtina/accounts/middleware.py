"""Two rules for staff on every request, whatever the page, the API or the admin:

* a staff session ends after ``STAFF_SESSION_IDLE_MINUTES`` without a request and
  ``STAFF_SESSION_MAX_HOURS`` after logging in;
* a staff member without a second factor reaches nothing but the pages that set
  one up (and logging out, the language switch and the app's own files); a sign-in
  that proved two factors by itself (eAuth at SUBSTANTIAL or HIGH) counts as one.

Who counts as staff is ``permissions.needs_second_factor``; citizens pass untouched.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from obshtina.core.middleware import ACCOUNT_LANGUAGE_SESSION_KEY
from obshtina.organization.permissions import needs_second_factor

from .selectors import has_second_factor, session_has_second_factor

SESSION_STARTED = "staff_session_started"
SESSION_SEEN = "staff_session_seen"
# Where the staff member was going when sent to set up a second factor.
SESSION_NEXT = "second_factor_next"
# "Last seen" is written at most this often (seconds), not on every request.
SEEN_RESOLUTION = 60
API_PREFIX = "/api/"

# allauth's own pages (no namespace): logging in and out, re-entering the password,
# e-mail confirmation and every two-factor page.
_ALLAUTH_PREFIXES = ("account_", "mfa_")
_OPEN_VIEWS = frozenset(
    {
        "set_language",
        "core:healthz",
        "core:manifest",
        "core:service_worker",
        "core:offline",
        "core:csrf",
    }
)


def _refusal(request, *, url: str, status: int, code: str, message: str):
    """JSON for the API, a client-side redirect for htmx, otherwise a redirect."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"code": code, "message": message},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


class StaffSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and needs_second_factor(user):
            reason = _session_expired(request)
            if reason:
                next_path = request.get_full_path() if request.method == "GET" else "/"
                logout(request)
                messages.info(request, reason)
                login_url = f"{reverse('account_login')}?{urlencode({'next': next_path})}"
                return _refusal(
                    request, url=login_url, status=401, code="session_expired", message=reason
                )
        return self.get_response(request)


def _session_expired(request) -> str:
    """Why the staff session is over (a message), or "" when it may go on."""
    now = time.time()
    session = request.session
    idle_seconds = settings.STAFF_SESSION_IDLE_MINUTES * 60
    max_seconds = settings.STAFF_SESSION_MAX_HOURS * 3600
    if SESSION_STARTED not in session:
        session[SESSION_STARTED] = now
        if not session.get_expire_at_browser_close():
            # The stored session and its cookie end soon after the maximum length; until
            # then the session is kept, so that the next request can say why it ended.
            ends = datetime.fromtimestamp(now + max_seconds + idle_seconds, tz=UTC)
            session.set_expiry(ends)
    started = session[SESSION_STARTED]
    seen = session.get(SESSION_SEEN, now)
    if now - seen > idle_seconds:
        return _("Сесията ви приключи след %(minutes)s минути без действия. Влезте отново.") % {
            "minutes": settings.STAFF_SESSION_IDLE_MINUTES
        }
    if now - started > max_seconds:
        return _("Сесията ви приключи: служителите влизат отново след %(hours)s часа работа.") % {
            "hours": settings.STAFF_SESSION_MAX_HOURS
        }
    if SESSION_SEEN not in session or now - seen >= SEEN_RESOLUTION:
        session[SESSION_SEEN] = now
    return ""


def forget_staff_session_stamps(sender, request, user, **kwargs) -> None:
    """A new login starts the staff session's clock again (``user_logged_in``)."""
    for key in (SESSION_STARTED, SESSION_SEEN):
        request.session.pop(key, None)


def remember_account_language(sender, request, user, **kwargs) -> None:
    """The site speaks the account's language where this device chose none
    (``user_logged_in``; core.middleware.ChosenLanguageMiddleware reads it)."""
    if request is not None and hasattr(request, "session"):
        request.session[ACCOUNT_LANGUAGE_SESSION_KEY] = user.language


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or _open_without_second_factor(request):
            return None
        if not needs_second_factor(user):
            return None
        if has_second_factor(user) or session_has_second_factor(request.session, user):
            request.session.pop(SESSION_NEXT, None)
            return None
        if request.method == "GET" and not request.path.startswith(API_PREFIX):
            request.session[SESSION_NEXT] = request.get_full_path()
        return _refusal(
            request,
            url=reverse("mfa_index"),
            status=403,
            code="second_factor_required",
            message=_(
                "Служителите влизат с втори фактор. Настройте приложение за "
                "удостоверяване или ключ за сигурност в профила си на сайта."
            ),
        )


def _open_without_second_factor(request) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if not match.namespace and (match.url_name or "").startswith(_ALLAUTH_PREFIXES):
        return True
    return match.view_name in _OPEN_VIEWS
