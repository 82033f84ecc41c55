from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "obshtina.api"
    verbose_name = _("Приложни интерфейси (API)")

    def ready(self):
        from .open311.caching import connect_signals

        connect_signals()
