"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .accessibility import DEFAULT_ENFORCEMENT, DEFAULT_ENFORCEMENT_URL
from .models import AccessibilityStatement, SiteNotice


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


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """The site's "Декларация за достъпност" in the EU's model: one per municipality;
    its page warns the editors when the last review is over a year old."""

    list_display = ["__str__", "compliance", "prepared_on", "reviewed_on"]
    fieldsets = [
        (_("Съответствие"), {"fields": ["compliance"]}),
        (
            _("Недостъпно съдържание"),
            {
                "fields": [
                    "non_compliance",
                    "disproportionate_burden",
                    "out_of_scope",
                    "alternatives",
                ]
            },
        ),
        (
            _("Изготвяне и преглед"),
            {"fields": ["prepared_on", "method", "method_details", "reviewed_on"]},
        ),
        (
            _("Обратна връзка"),
            {"fields": ["feedback_email", "feedback_phone", "reply_days"]},
        ),
        (_("Процедура по прилагане"), {"fields": ["enforcement", "enforcement_url"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # One per municipality: the served municipality's, once.
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def get_changeform_initial_data(self, request):
        municipality = getattr(request, "municipality", None)
        today = timezone.localdate()
        return {
            "prepared_on": today,
            "reviewed_on": today,
            "feedback_email": getattr(municipality, "contact_email", ""),
            "feedback_phone": getattr(municipality, "contact_phone", ""),
            "enforcement": str(DEFAULT_ENFORCEMENT),
            "enforcement_url": DEFAULT_ENFORCEMENT_URL,
        }
