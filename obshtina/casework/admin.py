from django.contrib import admin

from .forms_templates import AnswerTemplateAdminForm
from .models import AnswerTemplate


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    form = AnswerTemplateAdminForm
    list_display = ["title", "kind", "step", "category", "topic", "unit", "status", "is_active"]
    list_filter = ["kind", "is_active", "unit"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
