"""eAuth's endpoints: our metadata (the entity ID), the start of a sign-in (a signed
request posted to eAuth by a form) and the assertion consumer; plus the one-time
password page that links an existing account."""

import base64
import binascii
import logging
from functools import wraps
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import perform_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import LinkPasswordForm
from .person import EAuthError, SignedInPerson

logger = logging.getLogger(__name__)

# A request we sent is answered once, within this time (eAuth itself gives ~20 s to
# reach it and the person a few minutes to sign in).
OUTSTANDING_SECONDS = 15 * 60
MAX_PASSWORD_ATTEMPTS = 5


def _enabled(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.EAUTH_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _next_url(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _refuse(request, error: EAuthError):
    messages.error(request, str(error))
    return redirect("account_login")


@_enabled
@require_GET
def metadata(request):
    from . import saml  # pysaml2 loads only when eAuth is used

    try:
        xml = saml.metadata(_base_url(request))
    except EAuthError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@_enabled
@require_GET
@never_cache
def login(request):
    from . import saml  # pysaml2 loads only when eAuth is used

    """The page that posts the signed request to eAuth: by itself with the site's own
    script, or by the person's click without JavaScript."""
    try:
        authn = saml.authn_request(_base_url(request))
    except EAuthError as error:
        return _refuse(request, error)
    next_url = _next_url(request, request.GET.get("next", ""))
    cache.set(_outstanding_key(authn.request_id), {"next": next_url}, OUTSTANDING_SECONDS)
    response = render(
        request,
        "eauth/post_form.html",
        {"destination": authn.destination, "saml_request": authn.saml_request},
    )
    address = urlsplit(authn.destination)
    response._csp_update = {"form-action": [f"{address.scheme}://{address.netloc}"]}
    return response


def _outstanding_key(request_id: str) -> str:
    return f"eauth:request:{request_id}"


def _in_response_to(saml_response: str) -> str:
    from saml2 import samlp

    try:
        xml = base64.b64decode(saml_response, validate=False)
        response = samlp.response_from_string(xml)
    except (binascii.Error, ValueError, SyntaxError, Exception):
        return ""
    return (response.in_response_to or "") if response is not None else ""


@csrf_exempt  # eAuth posts here from its own site; the signed assertion is the proof
@_enabled
@require_POST
@never_cache
def acs(request):
    from . import saml  # pysaml2 loads only when eAuth is used

    saml_response = request.POST.get("SAMLResponse", "")
    request_id = _in_response_to(saml_response)
    outstanding = cache.get(_outstanding_key(request_id)) if request_id else None
    if outstanding is None:
        logger.info("eAuth response refused: no outstanding request")
        return _refuse(
            request, EAuthError(_("Входът изтече или вече е използван. Опитайте отново."))
        )
    try:
        person = saml.person_from_response(
            _base_url(request), saml_response, outstanding={request_id: outstanding["next"]}
        )
        cache.delete(_outstanding_key(request_id))  # one response per request: no replay
        resolution = services.person_resolve(person=person)
    except EAuthError as error:
        return _refuse(request, error)
    if resolution.needs_password:
        services.pending_link_store(
            request.session, user=resolution.user, person=person, next_url=outstanding["next"]
        )
        return redirect("eauth:link")
    if resolution.created:
        _send_confirmation(request, resolution.user)
    return _sign_in(request, resolution.user, person, outstanding["next"])


def _send_confirmation(request, user) -> None:
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, primary=True).first()
    if address is not None and not address.verified:
        address.send_confirmation(request, signup=False)


def _sign_in(request, user, person: SignedInPerson, next_url: str):
    """At SUBSTANTIAL or HIGH the sign-in is two factors by itself; at LOW it goes
    through allauth's stages, which ask for the account's own second factor."""
    if person.level in services.STRONG_LEVELS:
        get_adapter(request).login(request, user)
        response = HttpResponseRedirect(next_url)
    else:
        response = perform_login(
            request,
            Login(
                user=user,
                email_verification=account_settings.EmailVerificationMethod.NONE,
                redirect_url=next_url,
            ),
        )
    services.session_remember(request.session, user=user, person=person)
    messages.success(request, _("Влязохте с електронна идентификация."))
    return response


@_enabled
@never_cache
def link(request):
    """ "Вече имате акаунт с този имейл": its password once, then the two are linked."""
    pending = request.session.get(services.SESSION_PENDING_LINK)
    person = services.pending_link_person(pending) if pending else None
    if person is None:
        return redirect("account_login")
    form = LinkPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=person.email, password=form.cleaned_data["password"])
        if user is None or user.pk != pending["user"]:
            pending["attempts"] = pending.get("attempts", 0) + 1
            if pending["attempts"] >= MAX_PASSWORD_ATTEMPTS:
                request.session.pop(services.SESSION_PENDING_LINK, None)
                return _refuse(request, EAuthError(_("Твърде много грешни опити. Влезте отново.")))
            request.session[services.SESSION_PENDING_LINK] = pending
            form.add_error("password", _("Паролата не е вярна."))
        else:
            try:
                services.identity_link(user=user, identifier=person.identifier)
            except EAuthError as error:
                request.session.pop(services.SESSION_PENDING_LINK, None)
                return _refuse(request, error)
            request.session.pop(services.SESSION_PENDING_LINK, None)
            return _sign_in(request, user, person, pending["next"])
    return render(request, "eauth/link.html", {"form": form, "email": person.email})


@login_required
@require_POST
def unlink(request):
    """Ends the link with eAuth (also while the connector is off). An account without
    a password keeps it: unlinked, nobody could sign in to it any more."""
    if not request.user.has_usable_password():
        messages.error(
            request,
            _("Профилът няма парола: задайте парола, преди да прекратите връзката."),
        )
        return redirect("account_set_password")
    services.identity_unlink(user=request.user)
    request.session.pop(services.SESSION_SECOND_FACTOR, None)
    messages.success(
        request, _("Връзката с електронната идентификация е прекратена. Влизате с имейл и парола.")
    )
    return redirect("accounts:profile")
