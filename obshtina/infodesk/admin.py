"""Registrations for administrators; editors maintain the knowledge base in the
staff editor, not here."""

from django.contrib import admin

from obshtina.audit.admin import AccessRecordedAdmin

from .models import (
    CallLog,
    Question,
    QuestionEvent,
    QuestionTopic,
    Regulation,
    Service,
    ServiceForm,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position"]
    list_filter = ["kind"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


class ServiceFormInline(admin.TabularInline):
    model = ServiceForm
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "is_published", "updated_at"]
    list_filter = ["is_published", "unit", "themes"]
    search_fields = ["name", "code"]
    inlines = [ServiceFormInline]


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "number", "adopted_on", "status", "is_published"]
    list_filter = ["kind", "status", "is_published"]
    search_fields = ["title", "number"]


@admin.register(QuestionTopic)
class QuestionTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "is_active", "position"]
    list_editable = ["is_active", "position"]


class QuestionEventInline(admin.TabularInline):
    """The timeline, read only: history is not edited."""

    model = QuestionEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["kind", "actor", "created_at", "from_status", "to_status"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(AccessRecordedAdmin):
    list_display = ["number", "topic", "unit", "status", "channel", "created_at", "is_faq"]
    list_filter = ["status", "channel", "is_faq", "unit"]
    search_fields = ["number"]
    raw_id_fields = ["registry_number", "author", "answered_by", "assigned_to"]
    inlines = [QuestionEventInline]


@admin.register(CallLog)
class CallLogAdmin(AccessRecordedAdmin):
    list_display = ["started_at", "operator", "topic", "outcome"]
    list_filter = ["outcome"]
    date_hierarchy = "started_at"
