from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.reauthentication import get_reauthentication_flows
from allauth.core import context as allauth_context
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from obshtina.casework.workspace import workspace_holds_work_for
from obshtina.core.clients import client_address
from obshtina.organization.permissions import (
    can_use_console,
    can_use_workspace,
    needs_second_factor,
)
from obshtina.organization.selectors import current_municipality, site_url

from .selectors import SECOND_FACTOR_TYPES, session_proved_identity_recently


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue allauth's e-mails in the notification outbox.

        They are then delivered, retried and listed for staff like every other
        notification instead of being sent inside the request. The templates name
        the municipality, never the host and port the request came in on.
        """
        from obshtina.notifications.services import notification_queue_message

        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "municipality": current_municipality(),
                **context,
            },
        )
        user = context.get("user")
        notification_queue_message(
            message=message,
            user=user if getattr(user, "pk", None) else None,
            language=get_language() or "bg",
        )

    def get_login_redirect_url(self, request) -> str:
        # Officials land on their work; citizens on their hub. A ?next= still wins
        # (allauth asks this only when the login carried none).
        user = request.user
        if can_use_console(user) and not workspace_holds_work_for(user):
            return reverse("infodesk:console")  # an operator's day is on the phone
        if can_use_workspace(user):
            return reverse("casework:workspace")
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address) -> str:
        # Anonymous visitors pass through the login page on their way to the hub.
        return reverse("accounts:profile")

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_client_ip(self, request) -> str:
        # The login rate limits count the client behind the proxy, as every other limit does.
        return client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failed logins per site (host); an account is the platform's,
        # so a password guessed on every municipality's site is counted once.
        return credentials.get("email", credentials.get("username", "")).lower()

    def is_open_for_signup(self, request) -> bool:
        return True

    # An account made by eAuth has no password and maybe no second factor: allauth then
    # knows no way to reauthenticate and lets every sensitive change (e-mail, second
    # factor) through. Such a person proves it again by a fresh eAuth sign-in, as for
    # deleting the account.
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = allauth_context.request
        if (
            required
            and request is not None
            and _proves_itself_by_eauth(request.user)
            and not session_proved_identity_recently(request.session)
        ):
            raise ReauthenticationRequired()
        return required

    def get_reauthentication_methods(self, user) -> list[dict]:
        methods = super().get_reauthentication_methods(user)
        if not methods and _proves_itself_by_eauth(user):
            methods.append(
                {
                    "id": "eauth",
                    "description": _("Вход с електронна идентификация"),
                    "url": reverse("eauth:login"),
                }
            )
        return methods


def _proves_itself_by_eauth(user) -> bool:
    """A signed-in account allauth cannot reauthenticate (no password, no second factor)
    while eAuth can."""
    return bool(
        settings.EAUTH_ENABLED
        and getattr(user, "is_authenticated", False)
        and not get_reauthentication_flows(user)
    )


def on_site(url: str) -> str:
    """The link at the site's one address (SITE_URL), whatever host the request came in on."""
    parts = urlsplit(url)
    return site_url() + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


class MFAAdapter(DefaultMFAAdapter):
    """allauth's two-factor authentication with the municipality's name and the
    rule that staff keep a second factor."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Служителите не могат да изключат двуфакторното удостоверяване. Добавете "
            "първо ключ за сигурност, ако искате да смените приложението, или помолете "
            "администратор да го нулира."
        ),
        "incorrect_code": _("Кодът е грешен или вече е използван. Опитайте с новия код."),
        "unverified_email": _(
            "Потвърдете първо имейла си с връзката, която ви изпратихме; след това "
            "включете двуфакторното удостоверяване."
        ),
    }

    def get_totp_issuer(self) -> str:
        # The name authenticator apps show beside the code.
        return current_municipality().name or super().get_totp_issuer()

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A staff member may remove a factor only while another one remains."""
        user = authenticator.user
        if not needs_second_factor(user):
            return True
        others = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES)
        return others.exclude(pk=authenticator.pk).exists()
