from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "obshtina.core"
    verbose_name = _("Основа")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            request_log,  # noqa: F401  (request ids of background jobs)
            site_notices,
        )

        site_notices.connect()
