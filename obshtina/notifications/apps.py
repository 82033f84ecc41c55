from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "obshtina.notifications"
    verbose_name = _("Известия")
