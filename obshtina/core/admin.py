"""Admin pieces shared by the apps."""

from django.contrib import admin


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
