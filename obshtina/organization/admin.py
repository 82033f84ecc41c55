from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .gazetteer import GazetteerError, read_streets, streets_import
from .models import (
    Membership,
    Municipality,
    MunicipalityHost,
    Settlement,
    StaffRole,
    Street,
    Unit,
)
from .permissions import is_administrator
from .selectors import current_municipality
from .services import staff_access_grant

MAX_ERRORS_SHOWN = 20  # bad rows listed after an upload; the command lists them all


class MunicipalityHostInline(admin.TabularInline):
    """Which host leads where is the platform's to decide."""

    model = MunicipalityHost
    extra = 0

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "contact_phone", "contact_email"]
    inlines = [MunicipalityHostInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "address",
                    "contact_phone",
                    "contact_email",
                    "site_address",
                ]
            },
        ),
        (_("Карта"), {"fields": ["map_center_lat", "map_center_lng", "map_zoom"]}),
        (_("Граници"), {"fields": ["bounds_south", "bounds_west", "bounds_north", "bounds_east"]}),
    ]
    readonly_fields = ["site_address"]

    def get_readonly_fields(self, request, obj=None):
        # Its address on the platform is the platform's to decide.
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else [*fields, "slug"]

    @admin.display(description=_("адрес на сайта"))
    def site_address(self, municipality):
        # Where its e-mails lead; the first municipality's is the server's SITE_URL.
        return municipality.site_url if municipality.pk else "—"

    def has_add_permission(self, request):
        # A platform administrator adds municipalities; the first one exists from the start.
        return request.user.is_superuser

    def get_queryset(self, request):
        # A municipality's administrator edits their own municipality, not the others.
        municipalities = super().get_queryset(request)
        if request.user.is_superuser:
            return municipalities
        return municipalities.filter(pk=current_municipality().pk)

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        staff_access_grant(user=obj.user)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "phone", "email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "functions"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            for membership in formset.new_objects + [
                obj for obj, _fields in formset.changed_objects
            ]:
                staff_access_grant(user=membership.user)


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        staff_access_grant(user=obj.user)


class StreetsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Файл"),
        help_text=_(
            "GeoJSON от OpenStreetMap (линии или точки със свойство name) или CSV с "
            "колони name, lat, lng[, settlement]."
        ),
    )
    settlement = forms.ModelChoiceField(
        label=_("Населено място"),
        queryset=Settlement.objects.all(),
        required=False,
        empty_label=_("– градът –"),
        help_text=_("За редовете, които не посочват населено място."),
    )


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "settlement", "latitude", "longitude", "osm_id"]
    list_filter = ["kind", "settlement"]
    search_fields = ["name"]
    change_list_template = "admin/organization/street/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="organization_street_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload the same file ``manage.py import_streets`` reads."""
        if not (request.user.is_superuser or is_administrator(request.user)):
            raise PermissionDenied
        form = StreetsUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_streets(upload.read(), filename=upload.name)
                result = streets_import(rows, settlement=form.cleaned_data["settlement"])
            except GazetteerError as error:
                form.add_error("file", str(error))
            else:
                self.message_user(
                    request,
                    _("Улици: %(created)s нови, %(updated)s обновени, %(skipped)s пропуснати реда.")
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "skipped": len(result.errors),
                    },
                    messages.WARNING if result.errors else messages.SUCCESS,
                )
                for error in result.errors[:MAX_ERRORS_SHOWN]:
                    self.message_user(request, error, messages.WARNING)
                return redirect("admin:organization_street_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Внасяне на улици"),
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/organization/street/import.html", context)
