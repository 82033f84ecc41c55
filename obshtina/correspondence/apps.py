from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "obshtina.correspondence"
    verbose_name = _("Писма и заявления")

    def ready(self):
        from obshtina.accounts import sections

        from .selectors import citizen
        from .services.citizen import correspondence_forget_sender

        sections.register_profile_section("correspondence", citizen.my_correspondence_section)
        sections.register_export_section("correspondence", citizen.my_correspondence_export)
        sections.register_deletion_hook(correspondence_forget_sender)
