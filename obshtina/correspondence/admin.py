"""Read-mostly admin for administrators.

Every change to a document goes through the services (timeline event, e-mail to
the sender), so the admin only shows: administrators may look things up and a
superuser may delete (e.g. at the end of the retention period); nobody edits here.
Files are linked through the permission-checked download view, never a media URL.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from obshtina.audit.admin import AccessRecordedAdmin
from obshtina.organization.permissions import is_administrator

from .models import AccessRequest, Attachment, Correspondence, CorrespondenceEvent, OutgoingDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _download_link(attachment: Attachment) -> str:
    return format_html('<a href="{}">{}</a>', attachment.get_absolute_url(), attachment)


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fk_name = "correspondence"
    fields = readonly_fields = ["download", "outgoing", "content_type", "size", "created_at"]

    @admin.display(description=_("файл"))
    def download(self, attachment):
        return _download_link(attachment)


class OutgoingDocumentInline(ReadOnlyInline):
    model = OutgoingDocument
    fields = readonly_fields = ["number", "kind", "text", "created_by", "created_at"]


class EventInline(ReadOnlyInline):
    model = CorrespondenceEvent
    fields = readonly_fields = [
        "created_at",
        "kind",
        "actor",
        "from_status",
        "to_status",
        "message",
        "internal_note",
        "visible_to_sender",
    ]


class AccessRequestInline(ReadOnlyInline):
    model = AccessRequest
    fields = readonly_fields = [
        "information_description",
        "access_form",
        "clarification_requested_on",
        "clarification_due_on",
        "clarified_on",
        "extension_reason",
        "refusal_ground",
        "access_confirmed_at",
    ]


@admin.register(Correspondence)
class CorrespondenceAdmin(AccessRecordedAdmin, ReadOnlyAdmin):
    list_display = ["number", "registered_at", "kind", "unit", "status", "due_at"]
    list_filter = ["kind", "status", "sender_type", "unit"]
    search_fields = ["number", "subject"]
    date_hierarchy = "registered_at"
    inlines = [AccessRequestInline, AttachmentInline, OutgoingDocumentInline, EventInline]


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "correspondence", "created_at"]
    list_filter = ["kind"]
    search_fields = ["number", "correspondence__number"]
    date_hierarchy = "created_at"


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "correspondence", "outgoing", "content_type", "size"]
    search_fields = ["correspondence__number"]
    exclude = ["file"]
    readonly_fields = ["download"]

    @admin.display(description=_("файл"))
    def download(self, attachment):
        return _download_link(attachment)


@admin.register(CorrespondenceEvent)
class CorrespondenceEventAdmin(ReadOnlyAdmin):
    list_display = ["correspondence", "kind", "created_at", "visible_to_sender"]
    list_filter = ["kind", "visible_to_sender"]
    search_fields = ["correspondence__number"]
