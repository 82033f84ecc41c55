from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "obshtina.reception"
    verbose_name = _("Приемно време")

    def ready(self):
        from obshtina.accounts import sections

        from .selectors import my_appointments_export, my_appointments_section
        from .services.account_deletion import appointments_forget_author

        sections.register_profile_section("appointments", my_appointments_section)
        sections.register_export_section("appointments", my_appointments_export)
        sections.register_deletion_hook(appointments_forget_author)
