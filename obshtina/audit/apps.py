from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "obshtina.audit"
    verbose_name = _("Достъп до лични данни")

    def ready(self):
        from obshtina.accounts import sections

        from .selectors import access_records_export

        sections.register_export_section("opened_by_staff", access_records_export)
