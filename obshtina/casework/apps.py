from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    """What every handled item shares (ARCHITECTURE.md, rule 11): the officials'
    workspace over every kind, and answer templates."""

    name = "obshtina.casework"
    verbose_name = _("Работа по преписки")
