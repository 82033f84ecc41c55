from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "obshtina.reception"
    verbose_name = _("Приемно време")

    def ready(self):
        from obshtina.accounts import sections
        from obshtina.casework.workspace import register_work_source
        from obshtina.registry.visibility import register_private_items

        from .models import Appointment
        from .selectors import (
            my_appointments_export,
            my_appointments_section,
            my_filed_appointments,
            my_waitlist_export,
        )
        from .selectors_staff import appointments_viewable_by
        from .selectors_work import WORK_SOURCE
        from .services.account_deletion import appointments_forget_author
        from .services.waitlist import waitlist_forget_citizen

        sections.register_profile_section("appointments", my_appointments_section)
        sections.register_filed_items("appointments", _("Срещи"), my_filed_appointments)
        sections.register_export_section("appointments", my_appointments_export)
        sections.register_export_section("reception_waitlist", my_waitlist_export)
        sections.register_deletion_hook(appointments_forget_author)
        sections.register_deletion_hook(waitlist_forget_citizen)
        register_private_items(Appointment, appointments_viewable_by)
        register_work_source(WORK_SOURCE)
