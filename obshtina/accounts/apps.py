from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "obshtina.accounts"
    verbose_name = _("Профили")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import forget_staff_session_stamps

        user_logged_in.connect(forget_staff_session_stamps, dispatch_uid="staff_session_stamps")
