from django.contrib import admin

from obshtina.core.admin import ReadOnlyModelAdmin

from .models import RegistryNumber, RegistrySeries


@admin.register(RegistrySeries)
class RegistrySeriesAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "prefix", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["code", "name", "prefix"]

    def get_readonly_fields(self, request, obj=None):
        # Other apps name the series by its code; renaming it would break them.
        return ["code"] if obj else []


@admin.register(RegistryNumber)
class RegistryNumberAdmin(ReadOnlyModelAdmin):
    """Read-only: numbers are given only by registry_number_issue and registry_number_assign."""

    list_display = ["code", "series", "registered_at", "content_type", "object_id"]
    list_filter = ["series", "year"]
    search_fields = ["code"]
    list_select_related = ["series", "content_type"]
    date_hierarchy = "registered_at"
