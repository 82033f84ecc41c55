from django.contrib import admin

from obshtina.audit.admin import AccessRecordedAdmin

from .models import (
    Absence,
    Appointment,
    AppointmentEvent,
    AppointmentReminder,
    Schedule,
    ScheduleGroup,
    ScheduleWindow,
)


@admin.register(ScheduleGroup)
class ScheduleGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


class WindowInline(admin.TabularInline):
    model = ScheduleWindow
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["title", "host_name", "group", "unit", "valid_from", "valid_until", "is_active"]
    list_filter = ["group", "is_active"]
    filter_horizontal = ["officials"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [WindowInline, AbsenceInline]


class EventInline(admin.TabularInline):
    model = AppointmentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "message"]


class ReminderInline(admin.TabularInline):
    model = AppointmentReminder
    extra = 0
    can_delete = False
    readonly_fields = ["hours_before", "starts_at", "sent_at"]


@admin.register(Appointment)
class AppointmentAdmin(AccessRecordedAdmin):
    """Read-only: meetings change through the reception pages, which notify the citizen."""

    list_display = ["number", "schedule", "starts_at", "status", "channel"]
    list_filter = ["status", "channel", "schedule__group"]
    search_fields = ["number"]
    inlines = [EventInline, ReminderInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
