from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "obshtina.organization"
    verbose_name = _("Организация")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

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
        # Models a municipality's administrators may edit are added over time: after every
        # migration their group holds the permissions of all of them.
        post_migrate.connect(_refresh_administrators, dispatch_uid="refresh-administrators")


def _refresh_administrators(**kwargs) -> None:
    from django.contrib.auth.models import Group

    from .services import (
        ADMINISTRATORS_GROUP,
        EDITORS_GROUP,
        municipality_administrators,
        municipality_editors,
    )

    if Group.objects.filter(name=ADMINISTRATORS_GROUP).exists():
        municipality_administrators()
    if Group.objects.filter(name=EDITORS_GROUP).exists():
        municipality_editors()
