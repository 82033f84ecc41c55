"""Keeping answer templates: the list, a new template, editing, deactivating.

For editors and administrators (every template) and unit heads (their units'
templates); a template the user does not keep is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from .answer_templates import PLACEHOLDER_LIST, answer_template_save, answer_template_set_active
from .forms_templates import AnswerTemplateForm
from .models import AnswerTemplate


def _kept(request, pk: int) -> AnswerTemplate:
    return get_object_or_404(
        permissions.keepable_answer_templates(request.user, AnswerTemplate.objects.all()), pk=pk
    )


@allowed_if(permissions.can_keep_answer_templates)
def template_list(request):
    templates = permissions.keepable_answer_templates(
        request.user,
        AnswerTemplate.objects.select_related("category", "topic", "unit"),
    ).order_by("-is_active", "kind", "title")
    return render(request, "casework/template_list.html", {"templates": templates})


@allowed_if(permissions.can_keep_answer_templates)
@require_http_methods(["GET", "POST"])
def template_edit(request, pk: int | None = None):
    template = _kept(request, pk) if pk is not None else AnswerTemplate()
    form = AnswerTemplateForm(request.POST or None, instance=template, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            answer_template_save(template=form.instance, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Шаблонът „%(title)s“ е записан.") % {"title": template})
            return redirect("casework:templates")
    return render(
        request,
        "casework/template_edit.html",
        {"form": form, "template": template, "placeholders": PLACEHOLDER_LIST},
        status=400 if request.method == "POST" else 200,
    )


@allowed_if(permissions.can_keep_answer_templates)
@require_POST
def template_set_active(request, pk: int):
    template = _kept(request, pk)
    is_active = request.POST.get("is_active") == "1"
    answer_template_set_active(template=template, actor=request.user, is_active=is_active)
    if is_active:
        message = _("Шаблонът „%(title)s“ отново се предлага.")
    else:
        message = _("Шаблонът „%(title)s“ вече не се предлага.")
    messages.success(request, message % {"title": template.title})
    return redirect("casework:templates")
