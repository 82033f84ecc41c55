"""The access record in the admin: administrators search it; nobody — not even a
superuser — adds, changes or deletes a row here (pruning is a command's job)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.utils.translation import gettext_lazy as _

from obshtina.core.admin import ReadOnlyModelAdmin
from obshtina.organization.permissions import is_administrator

from .models import AccessRecord
from .services import access_record


class DateRangeFilter(admin.FieldListFilter):
    """From one Sofia calendar day to another (both included), typed as dates."""

    template = "admin/audit/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_since = f"{field_path}__date__gte"
        self.lookup_until = f"{field_path}__date__lte"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("период")
        # An empty date field means "no limit", not a bad value.
        self.used_parameters = {
            key: [value for value in values if value]
            for key, values in self.used_parameters.items()
            if any(values)
        }

    def expected_parameters(self):
        return [self.lookup_since, self.lookup_until]

    def choices(self, changelist):
        yield {
            "since_name": self.lookup_since,
            "until_name": self.lookup_until,
            "since": self.used_parameters.get(self.lookup_since, [""])[-1],
            "until": self.used_parameters.get(self.lookup_until, [""])[-1],
            "other_parameters": [
                (key, value)
                for key, value in changelist.params.items()
                if key not in self.expected_parameters()
            ],
        }


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyModelAdmin):
    list_display = [
        "accessed_at",
        "staff_name",
        "staff_roles",
        "what",
        "item_kind",
        "registry_number",
        "file_name",
        "how",
        "client_address",
    ]
    list_filter = [("accessed_at", DateRangeFilter), "what", "how", "item_kind"]
    search_fields = [
        "staff_name",
        "staff_email",
        "registry_number",
        "client_address",
        "file_name",
        "citizen__email",
        "citizen__last_name",
    ]
    date_hierarchy = "accessed_at"
    list_select_related = ["citizen"]
    readonly_fields = [field.name for field in AccessRecord._meta.fields]

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)


class AccessRecordedAdmin(admin.ModelAdmin):
    """For the admin of a model holding citizens' personal data: opening an
    object's page is recorded as any staff page is (the lists are not)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            shown = self.get_object(request, unquote(object_id))
            if shown is not None:
                access_record(request, shown)
        return response
