"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.db import models

from .models import SiteNotice


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows only the code writes (registry numbers, the access record): the admin
    shows and searches them, and nobody — not even a superuser — adds, changes or
    deletes one there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SiteNotice)
class SiteNoticeAdmin(admin.ModelAdmin):
    """Emergency notices (snow, floods, water cut off) on every page, from start to end."""

    list_display = ["title", "level", "starts_at", "ends_at"]
    list_filter = ["level"]
    search_fields = ["title", "text"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
