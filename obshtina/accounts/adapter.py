from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from obshtina.core.clients import client_address
from obshtina.organization.selectors import current_municipality


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

    def is_open_for_signup(self, request) -> bool:
        return True


def on_site(url: str) -> str:
    """The link at the site's one address (SITE_URL), whatever host the request came in on."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))
