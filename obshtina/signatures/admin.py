from django.contrib import admin

from .models import AttachmentSignature, TrustedList


@admin.register(TrustedList)
class TrustedListAdmin(admin.ModelAdmin):
    """What the last refresh_trusted_lists kept; read only (the command writes it)."""

    list_display = ("territory", "issued_at", "next_update", "fetched_at")
    readonly_fields = (
        "territory",
        "location",
        "issued_at",
        "next_update",
        "services",
        "fetched_at",
    )
    exclude = ("xml", "signer_certificates")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AttachmentSignature)
class AttachmentSignatureAdmin(admin.ModelAdmin):
    list_display = ("attachment", "format", "verdict", "qualified", "signed_at", "checked_at")
    list_filter = ("format", "verdict", "qualified")
    readonly_fields = [field.name for field in AttachmentSignature._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
