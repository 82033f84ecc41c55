from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "obshtina.accounts"
    verbose_name = _("Профили")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from .middleware import forget_staff_session_stamps, remember_account_language

        user_logged_in.connect(forget_staff_session_stamps, dispatch_uid="staff_session_stamps")
        user_logged_in.connect(remember_account_language, dispatch_uid="account_language")

        # allauth's own admin page shows each factor's data: TOTP secrets and the seed
        # of the recovery codes. A lost factor is reset from the person's page instead.
        if admin.site.is_registered(Authenticator):
            admin.site.unregister(Authenticator)
