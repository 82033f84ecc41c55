import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EAuthConfig(AppConfig):
    name = "obshtina.eauth"
    label = "eauth"
    verbose_name = _("Електронна идентификация")

    def ready(self):
        # pysaml2 logs subjects (the person's identifier) and whole messages: nothing
        # of it reaches our logs. Refusals are logged by obshtina.eauth.saml, by kind.
        saml_logger = logging.getLogger("saml2")
        saml_logger.setLevel(logging.CRITICAL + 1)
        saml_logger.propagate = False
        logging.getLogger("xmlschema").setLevel(logging.WARNING)  # pysaml2's schemas

        from obshtina.accounts import sections

        from .selectors import identity_export
        from .services import identity_unlink

        sections.register_export_section("eauth", identity_export)
        # A deleted account is anonymised, not removed: its identity must go, or the
        # next sign-in through eAuth would open the anonymised account.
        sections.register_deletion_hook(lambda user: identity_unlink(user=user))
