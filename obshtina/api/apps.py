from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "obshtina.api"
    verbose_name = _("Приложни интерфейси (API)")

    def ready(self):
        from .v1 import tracking_cache

        tracking_cache.connect_signals()
