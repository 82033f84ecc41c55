from django.conf import settings
from django.contrib import admin

from .models import AttachmentSignature, TrustedList


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the command and the checks, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TrustedListAdmin(ReadOnlyAdmin):
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


class AttachmentSignatureAdmin(ReadOnlyAdmin):
    list_display = ("attachment", "format", "verdict", "qualified", "signed_at", "checked_at")
    list_filter = ("format", "verdict", "qualified")
    readonly_fields = [field.name for field in AttachmentSignature._meta.fields]


# Off by default, out of sight: registered only when checking or signing is configured.
if settings.SIGNATURES_ENABLED or settings.SIGNATURES_SIGNING_BACKEND != "off":
    admin.site.register(TrustedList, TrustedListAdmin)
    admin.site.register(AttachmentSignature, AttachmentSignatureAdmin)
