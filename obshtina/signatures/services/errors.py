from django.utils.translation import gettext_lazy as _


class TrustedListError(Exception):
    """A trusted list could not be fetched or its signature did not hold."""

    default_message = _("Доверителният списък не можа да бъде получен.")
