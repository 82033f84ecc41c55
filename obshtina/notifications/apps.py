from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "obshtina.notifications"
    verbose_name = _("Известия")

    def ready(self):
        from obshtina.accounts import sections

        from . import officials, push, selectors, services

        sections.register_export_section("notifications", selectors.notifications_export)
        sections.register_deletion_hook(
            lambda user: services.notifications_erase_for_user(user=user)
        )
        sections.register_profile_section("push", push.push_profile_section)
        sections.register_export_section("push_subscriptions", push.push_subscriptions_export)
        sections.register_deletion_hook(push.push_subscriptions_forget)
        sections.register_deletion_hook(officials.work_notices_forget)
