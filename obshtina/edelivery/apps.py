from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdeliveryConfig(AppConfig):
    name = "obshtina.edelivery"
    verbose_name = _("Електронно връчване (ССЕВ)")
    default_auto_field = "django.db.models.BigAutoField"
