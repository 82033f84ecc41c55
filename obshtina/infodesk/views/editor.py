"""The editors' pages: the knowledge base's services and regulations, edited
with a preview of the public page (the Django admin is not the editor).

Open to ``can_edit_knowledge`` (editors and administrators). "Преглед" renders
the entry from the form without saving; "Запази" saves through
``services.knowledge``; a refused form comes back with every value kept.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from obshtina.core.decorators import allowed_if
from obshtina.core.forms import service_errors_add
from obshtina.organization import permissions

from ..forms_editor import RegulationEditForm, SearchForm, ServiceEditForm
from ..models import Regulation, Service
from ..selectors.editor import regulations_for_editor, service_forms, services_for_editor
from ..services import knowledge

PREVIEW = "preview"


@allowed_if(permissions.can_edit_knowledge)
def index(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "infodesk/editor.html",
        {
            "form": form,
            "query": query,
            "services": services_for_editor(query=query),
            "regulations": regulations_for_editor(query=query),
        },
    )


def _is_preview(request) -> bool:
    return request.POST.get("action") == PREVIEW


@allowed_if(permissions.can_edit_knowledge)
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int | None = None):
    service = get_object_or_404(Service, pk=pk) if pk is not None else None
    form = ServiceEditForm(request.POST or None, request.FILES or None, instance=service)
    preview = None
    if request.method == "POST" and form.is_valid():
        if _is_preview(request):
            removed = set(form.cleaned_data["remove_forms"])
            preview = {
                "service": form.instance,
                "themes": form.cleaned_data["themes"],
                "forms": [item for item in service_forms(service) if item not in removed],
                "new_form": form.cleaned_data["form_file"],
            }
        else:
            try:
                saved = knowledge.service_save(
                    service=service,
                    actor=request.user,
                    data=form.service_data(),
                    themes=form.cleaned_data["themes"],
                    forms_to_add=form.forms_to_add(),
                    forms_to_remove=form.cleaned_data["remove_forms"],
                )
            except ValidationError as error:
                service_errors_add(form, error, field_of={"forms": "form_file"})
            else:
                messages.success(request, _("Услугата е записана."))
                return redirect("infodesk:editor_service", pk=saved.pk)
    return render(
        request,
        "infodesk/editor_service.html",
        {"form": form, "service": service, "entry": service, "preview": preview},
    )


@allowed_if(permissions.can_edit_knowledge)
@require_http_methods(["GET", "POST"])
def regulation_edit(request, pk: int | None = None):
    regulation = get_object_or_404(Regulation, pk=pk) if pk is not None else None
    form = RegulationEditForm(request.POST or None, request.FILES or None, instance=regulation)
    preview = None
    if request.method == "POST" and form.is_valid():
        if _is_preview(request):
            preview = {
                "regulation": form.instance,
                "themes": form.cleaned_data["themes"],
                "new_file": form.cleaned_data["file"],
            }
        else:
            try:
                saved = knowledge.regulation_save(
                    regulation=regulation,
                    actor=request.user,
                    data=form.regulation_data(),
                    themes=form.cleaned_data["themes"],
                    file=form.cleaned_data["file"] or None,
                )
            except ValidationError as error:
                service_errors_add(form, error, field_of={})
            else:
                messages.success(request, _("Документът е записан."))
                return redirect("infodesk:editor_regulation", pk=saved.pk)
    return render(
        request,
        "infodesk/editor_regulation.html",
        {"form": form, "regulation": regulation, "entry": regulation, "preview": preview},
    )
