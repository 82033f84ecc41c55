from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfodeskConfig(AppConfig):
    name = "obshtina.infodesk"
    verbose_name = _("Информация и контактен център")
