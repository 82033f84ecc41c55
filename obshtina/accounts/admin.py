from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from obshtina.audit.admin import AccessRecordedAdmin
from obshtina.organization.permissions import can_reset_second_factor, needs_second_factor

from .models import User
from .selectors import SECOND_FACTOR_TYPES, second_factors_of
from .services import second_factor_reset


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AccessRecordedAdmin, DjangoUserAdmin):
    """Django's user admin with the e-mail address in place of the username, and
    the person's second factor: whether there is one, and its reset."""

    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "phone",
        "is_staff",
        "is_active",
        "has_second_factor",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "phone"]
    readonly_fields = ["second_factor_status"]
    fieldsets = [
        (None, {"fields": ["email", "password", "second_factor_status"]}),
        (_("Лични данни"), {"fields": ["first_name", "last_name", "phone"]}),
        (
            _("Права"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Дати"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        factors = Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTOR_TYPES)
        return super().get_queryset(request).annotate(second_factor_exists=Exists(factors))

    @admin.display(boolean=True, description=_("втори фактор"), ordering="second_factor_exists")
    def has_second_factor(self, user):
        return user.second_factor_exists

    @admin.display(description=_("Двуфакторно удостоверяване"))
    def second_factor_status(self, user):
        factors = second_factors_of(user)
        if not factors:
            if needs_second_factor(user):
                return _("Не е настроено: ще бъде поискано при следващото влизане.")
            return _("Не е включено.")
        names = ", ".join(sorted({str(factor.get_type_display()) for factor in factors}))
        url = reverse("admin:accounts_user_second_factor_reset", args=[user.pk])
        return format_html('{} – <a href="{}">{}</a>', names, url, _("Нулиране"))

    def get_urls(self):
        return [
            path(
                "<id>/second-factor/reset/",
                self.admin_site.admin_view(self.second_factor_reset_view),
                name="accounts_user_second_factor_reset",
            ),
            *super().get_urls(),
        ]

    def second_factor_reset_view(self, request, id):
        """Confirm, then remove a lost second factor (recorded and e-mailed by the service)."""
        if not can_reset_second_factor(request.user):
            raise PermissionDenied
        user = self.get_object(request, unquote(id))
        if user is None:
            raise Http404
        if request.method == "POST":
            try:
                second_factor_reset(user=user, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Вторият фактор на %(user)s е нулиран; изпратихме имейл на %(email)s.")
                    % {"user": user, "email": user.email},
                    messages.SUCCESS,
                )
            return redirect("admin:accounts_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Нулиране на втория фактор"),
            "opts": self.opts,
            "original": user,
            "factors": second_factors_of(user),
            "must_set_up": needs_second_factor(user),
        }
        return TemplateResponse(request, "admin/accounts/user/second_factor_reset.html", context)
