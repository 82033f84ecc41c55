from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "obshtina.reports"
    verbose_name = _("Сигнали")

    def ready(self):
        from obshtina.accounts import sections

        from .selectors import mine

        sections.register_profile_section("reports", mine.my_reports_section)
        sections.register_export_section("reports", mine.my_reports_export)
