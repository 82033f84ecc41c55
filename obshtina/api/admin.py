from django.contrib import admin

from .models import ApiToken, Open311Client


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Keys for Open311 POST: add a client, give it the generated api_key."""

    list_display = [
        "name",
        "contact_email",
        "is_active",
        "rate_limit",
        "created_at",
        "last_used_at",
    ]
    readonly_fields = ["api_key", "created_at", "last_used_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at"]
    readonly_fields = ["token_hash", "created_at", "last_used_at"]
    raw_id_fields = ["user"]
