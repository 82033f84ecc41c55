from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Delivery, ReceivedMessage
from .services import delivery_retry


class DeliveryAdmin(admin.ModelAdmin):
    """What was sent through e-Delivery and how it went; the recipient stays hidden."""

    list_display = ("document", "recipient_kind", "status", "attempts", "message_id", "sent_at")
    list_filter = ("status", "recipient_kind")
    search_fields = ("document__number", "document__correspondence__number")
    readonly_fields = [
        field.name
        for field in Delivery._meta.fields
        if field.name not in ("identifier_encrypted", "claimed_until")
    ]
    exclude = ("identifier_encrypted", "claimed_until")
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Опитай отново сега"))
    def retry_now(self, request, queryset):
        for delivery in queryset:
            delivery_retry(delivery=delivery)


class ReceivedMessageAdmin(admin.ModelAdmin):
    """Which received e-Delivery messages were registered as ЗДОИ requests (read-only)."""

    list_display = ("message_id", "correspondence", "created_item", "processed_at")
    list_filter = ("created_item",)
    search_fields = ("=message_id", "correspondence__number")
    readonly_fields = ("message_id", "correspondence", "created_item", "processed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


if settings.EDELIVERY_ENABLED:  # nothing of the connector shows while it is off
    admin.site.register(Delivery, DeliveryAdmin)
    admin.site.register(ReceivedMessage, ReceivedMessageAdmin)
