from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from obshtina.audit.admin import AccessRecordedAdmin

from .models import Category, CategoryQuestion, Report, ReportEvent, RoutingRule


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 1


class CategoryQuestionInline(admin.TabularInline):
    model = CategoryQuestion
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "term", "is_active", "position"]
    list_editable = ["position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryQuestionInline, RoutingRuleInline]

    @admin.display(description=_("срок за решаване"), ordering="resolve_days")
    def term(self, category):
        if category.resolve_days is None:
            return _("два месеца (АПК)")
        days = category.resolve_days
        return ngettext("%(days)d ден", "%(days)d дни", days) % {"days": days}


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "settlement", "unit"]
    list_filter = ["unit", "category"]


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "kind",
        "actor",
        "created_at",
        "from_status",
        "to_status",
        "public_message",
        "internal_note",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(AccessRecordedAdmin):
    list_display = ["number", "category", "unit", "status", "created_at", "due_at"]
    list_filter = ["status", "category", "unit", "channel"]
    search_fields = ["number", "description"]
    date_hierarchy = "created_at"
    readonly_fields = ["registry_number", "number", "access_token", "created_at", "updated_at"]
    raw_id_fields = ["duplicate_of", "author", "assigned_to"]
    inlines = [ReportEventInline]
