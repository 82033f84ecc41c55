from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "obshtina.correspondence"
    verbose_name = _("Писма и заявления")

    def ready(self):
        from obshtina.accounts import sections
        from obshtina.casework.workspace import register_work_source
        from obshtina.registry.visibility import register_private_items

        from .models import Correspondence, OutgoingDocument
        from .selectors import citizen, work
        from .services.citizen import correspondence_forget_sender

        sections.register_profile_section("correspondence", citizen.my_correspondence_section)
        sections.register_filed_items(
            "correspondence", _("Писма и заявления"), citizen.my_filed_documents
        )
        sections.register_export_section("correspondence", citizen.my_correspondence_export)
        sections.register_deletion_hook(correspondence_forget_sender)
        register_private_items(Correspondence, citizen.documents_viewable_by)
        register_private_items(OutgoingDocument, citizen.outgoing_documents_viewable_by)
        register_work_source(work.WORK_SOURCE)
