from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from obshtina.audit.admin import AccessRecordedAdmin
from obshtina.core.admin import ReadOnlyModelAdmin

from .models import DeliveryAttempt, Notification, WorkNotice
from .services import notification_retry


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    fields = ["attempted_at", "ok", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin, AccessRecordedAdmin):
    """Read-only: the outbox is a record of what was sent.

    The bodies are not shown: they may carry one-time links (password reset,
    tracking tokens) that staff must not be able to use.
    """

    list_display = ["pk", "created_at", "to_email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "template", "language"]
    search_fields = ["to_email", "subject", "about_id"]
    date_hierarchy = "created_at"
    fields = [
        "to_email",
        "user",
        "language",
        "template",
        "subject",
        "about_type",
        "about_id",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [DeliveryAttemptInline]
    actions = ["retry_now"]

    @admin.action(description=_("Опитай отново сега"), permissions=["view"])
    def retry_now(self, request, queryset):
        retried = 0
        for notification in queryset.exclude(status=Notification.Status.SENT):
            notification_retry(notification=notification)
            retried += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d известие е пуснато за повторно изпращане.",
                "%(count)d известия са пуснати за повторно изпращане.",
                retried,
            )
            % {"count": retried},
            messages.SUCCESS,
        )


@admin.register(WorkNotice)
class WorkNoticeAdmin(ReadOnlyModelAdmin):
    """What each official on the morning digest will be told ("why was I not told?"):
    read-only, and never the citizen's data — the rows hold only the item's facts."""

    list_display = ["created_at", "user", "reason", "number", "kind", "unit", "due_at"]
    list_filter = ["reason"]
    search_fields = ["number", "user__email"]
    date_hierarchy = "created_at"
    fields = ["user", "reason", "number", "kind", "title", "unit", "due_at", "url", "created_at"]
    readonly_fields = fields
