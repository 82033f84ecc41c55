from django.contrib import admin

from .models import Membership, Municipality, Settlement, StaffRole, Unit


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_phone", "contact_email", "site_url"]
    fieldsets = [
        (None, {"fields": ["name", "address", "contact_phone", "contact_email", "site_url"]}),
        ("Карта", {"fields": ["map_center_lat", "map_center_lng", "map_zoom"]}),
        ("Граници", {"fields": ["bounds_south", "bounds_west", "bounds_north", "bounds_east"]}),
    ]

    def has_add_permission(self, request):
        return not Municipality.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "phone", "email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "functions"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ekatte", "latitude", "longitude"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user"]
