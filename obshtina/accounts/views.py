import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from obshtina.organization.permissions import needs_second_factor

from .forms import DeleteAccountForm, DeleteAccountWithoutPasswordForm, ProfileEditForm
from .selectors import (
    IDENTITY_PROOF_MINUTES,
    filed_items,
    filed_kinds,
    profile_hub_sections,
    session_proved_identity_recently,
    user_export_data,
)
from .services import user_delete_account, user_set_language, user_update_profile


def set_language(request):
    """Django's language switch; a logged-in person's e-mails follow the choice too
    (the profile page can set them apart again)."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "sections": profile_hub_sections(request.user),
            "shows_work_notices": needs_second_factor(request.user),
        },
    )


MINE_PAGE_SIZE = 25


@login_required
def mine(request):
    """ "Моите": every report, question, letter and meeting the user filed, in one list."""
    kinds = filed_kinds()
    kind = request.GET.get("kind", "")
    if kind not in dict(kinds):
        kind = ""  # an unknown kind shows everything rather than an error
    items = filed_items(request.user, kind=kind)
    page = Paginator(items, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({"kind": kind}) if kind else ""  # the pages keep the filter
    return render(
        request,
        "accounts/mine.html",
        {"page": page, "kinds": kinds, "kind": kind, "query": query},
    )


@login_required
def profile_edit(request):
    user = request.user
    form = ProfileEditForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "language": user.language,
            "work_notices": user.work_notices,
        },
        # Everyone who may be told of work: unit members, staff roles, schedule officials.
        staff=needs_second_factor(user),
    )
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Данните ви са запазени."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@require_GET
@never_cache
@login_required
def data_export(request):
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"moite-danni-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def account_delete(request):
    if not request.user.has_usable_password():
        return _account_delete_without_password(request)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Профилът ви е изтрит, а личните ви данни – заличени."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})


def _account_delete_without_password(request):
    """An account made by an eAuth sign-in has no password to ask for: a sign-in
    through eAuth in the last minutes proves it is its owner who asks."""
    proved = session_proved_identity_recently(request.session)
    form = DeleteAccountWithoutPasswordForm(request.POST if proved else None, user=request.user)
    if request.method == "POST" and proved and form.is_valid():
        user_delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Профилът ви е изтрит, а личните ви данни – заличени."))
        return redirect("core:home")
    context = {
        "form": form,
        "needs_proof": not proved,
        "eauth_enabled": settings.EAUTH_ENABLED,
        "proof_minutes": IDENTITY_PROOF_MINUTES,
    }
    return render(
        request,
        "accounts/delete.html",
        context,
        status=403 if (request.method == "POST" and not proved) else 200,
    )
