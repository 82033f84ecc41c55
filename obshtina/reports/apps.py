from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "obshtina.reports"
    verbose_name = _("Сигнали")

    def ready(self):
        from obshtina.accounts import sections
        from obshtina.casework.workspace import register_work_source

        from . import public_generation
        from .selectors import mine, public, work
        from .services.following import subscriptions_forget
        from .services.submission import reports_forget_author

        sections.register_profile_section("reports", mine.my_reports_section)
        sections.register_filed_items("reports", _("Сигнали"), mine.my_filed_reports)
        sections.register_export_section("reports", mine.my_reports_export)
        sections.register_profile_section("subscriptions", public.subscriptions_profile_section)
        sections.register_export_section("subscriptions", public.subscriptions_export)
        sections.register_profile_section("area_alerts", public.area_alerts_profile_section)
        sections.register_export_section("area_alerts", public.area_alerts_export)
        sections.register_deletion_hook(subscriptions_forget)
        sections.register_deletion_hook(reports_forget_author)
        public_generation.connect_signals()
        register_work_source(work.WORK_SOURCE)
