from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "obshtina.organization"
    verbose_name = _("Организация")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Municipality, MunicipalityHost
        from .selectors import forget_municipality

        post_save.connect(
            forget_municipality, sender=Municipality, dispatch_uid="forget-municipality"
        )
        post_delete.connect(
            forget_municipality, sender=Municipality, dispatch_uid="forget-municipality-d"
        )
        # A host moved from one municipality to another is looked up afresh.
        post_save.connect(forget_municipality, sender=MunicipalityHost, dispatch_uid="forget-host")
        post_delete.connect(
            forget_municipality, sender=MunicipalityHost, dispatch_uid="forget-host-d"
        )
