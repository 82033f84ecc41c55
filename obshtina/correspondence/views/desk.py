"""The registry desk (деловодство): the staff table of incoming documents and a
document's desk page with its actions.

Staff pages only (``is_staff_member``); a document the user may not see is a
404, so its existence is not confirmed to them. The access-to-information
procedure's actions live in ``views.procedure``; this page shows and dispatches
them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from obshtina.audit.services import access_record
from obshtina.casework.actions import (
    UNKNOWN,
    ItemAction,
    action_perform,
    assignment_actions,
    calls,
)
from obshtina.casework.pickers import is_fill_request, offer_templates, template_fill
from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions
from obshtina.organization.selectors import may_take

from ..forms_desk import AnswerForm, RouteForm, StatusForm
from ..models import Correspondence
from ..selectors.desk import (
    is_overdue,
    item_attachments,
    item_for_desk,
    item_outgoing_documents,
    item_timeline,
    staff_can_manage_item,
    staff_can_view_item,
)
from ..services import desk as services
from ..services.errors import CorrespondenceError

PAGE_SIZE = 50
PROCEDURE_ACTION_PREFIX = "access_"


# action → (form class, does the form need the item, service call, success message)
ACTIONS = {
    "route": ItemAction(
        RouteForm,
        calls(services.correspondence_route, "item"),
        _("Документът е насочен."),
        item_kwarg="item",
    ),
    **assignment_actions(
        item_arg="item",
        assign=services.correspondence_assign,
        unassign=services.correspondence_unassign,
        add_note=services.correspondence_add_note,
        assigned=_("Документът е възложен."),
        taken=_("Документът е възложен на вас."),
    ),
    "status": ItemAction(
        StatusForm,
        calls(services.correspondence_change_status, "item"),
        _("Състоянието е променено."),
        item_kwarg="item",
    ),
    "answer": ItemAction(
        AnswerForm,
        calls(services.correspondence_answer, "item"),
        _("Изходящият документ е регистриран и изпратен на подателя."),
    ),
}
# The forms that offer answer templates: action → where the text goes (casework.pickers).
TEMPLATE_FORMS = {
    "answer": {"target": "text", "implied_status": Correspondence.Status.ANSWERED},
    "status": {"target": "message", "status_field": "status"},
}
# Access requests move only through the law's notices and decisions (views.procedure).
LETTER_ONLY_ACTIONS = frozenset({"status", "answer"})


def _actions_for(item: Correspondence) -> list[str]:
    if item.is_access_request:
        return [action for action in ACTIONS if action not in LETTER_ONLY_ACTIONS]
    return list(ACTIONS)


def _make_form(action: str, item: Correspondence, data=None, files=None):
    return ACTIONS[action].form_for(action, item, data, files)


def _after_change(request, item: Correspondence):
    item.refresh_from_db()
    if staff_can_view_item(request.user, item):
        return redirect("correspondence:manage", number=item.number)
    return redirect("casework:workspace")  # routed away from the user's units


@allowed_if(permissions.is_staff_member)
@require_http_methods(["GET", "POST"])
def manage(request, number: str):
    item = item_for_desk(number)
    is_own = item is not None and item.author_id == request.user.pk
    if is_own and not staff_can_view_item(request.user, item):
        # Their own letter or complaint: they read it as its sender, without the
        # internal notes of the unit that handles it.
        messages.info(request, _("Това е ваш документ: виждате го като подател."))
        return redirect(item.get_absolute_url())
    if item is None or not staff_can_view_item(request.user, item):
        raise Http404
    can_manage = staff_can_manage_item(request.user, item)
    forms = {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action.startswith(PROCEDURE_ACTION_PREFIX) and item.is_access_request:
            from .procedure import handle_procedure_action  # it imports this module

            return handle_procedure_action(request, item)
        if action not in _actions_for(item):
            messages.error(request, UNKNOWN)
            return redirect("correspondence:manage", number=item.number)
        if action in TEMPLATE_FORMS and is_fill_request(request):
            # "Попълни": the template's text goes into the form; nothing is saved.
            empty = {action: _make_form(action, item)}
            return manage_page(request, item, forms=empty, filling=action)
        form = _make_form(action, item, request.POST, request.FILES)
        if action_perform(request, ACTIONS[action], form, item, errors=(CorrespondenceError,)):
            return _after_change(request, item)
        forms[action] = form
    return manage_page(request, item, forms=forms, status=400 if request.method == "POST" else 200)


def manage_page(
    request,
    item: Correspondence,
    *,
    forms: dict | None = None,
    status: int = 200,
    filling: str = "",
) -> HttpResponse:
    """The desk page of a document the caller has already checked the user may see.

    ``views.procedure`` may call it to show a refused procedure form: pass the bound
    form in ``forms`` under its action name (e.g. ``{"access_extend": form}``);
    ``procedure_actions_context(request, item, forms)`` adds the unbound ones.
    ``filling`` names the (unbound) form whose "Попълни" button was pressed: it
    gets the chosen answer template's text.
    """
    forms = dict(forms or {})
    can_manage = staff_can_manage_item(request.user, item)
    context = {
        "item": item,
        "access_request": getattr(item, "access_request", None) if item.is_access_request else None,
        "can_manage": can_manage,
        "may_take": can_manage and may_take(request.user, item),
        "overdue": is_overdue(item),
        "attachments": item_attachments(item),
        "outgoing_documents": item_outgoing_documents(item),
        "events": item_timeline(item),
        "show_procedure_actions": False,
    }
    if can_manage:
        for action in _actions_for(item):
            forms.setdefault(action, _make_form(action, item))
        for action, options in TEMPLATE_FORMS.items():
            if action in forms:
                offer_templates(forms[action], item, **options)
        if item.is_access_request:
            from .procedure import procedure_actions_context

            context["show_procedure_actions"] = True
            context.update(procedure_actions_context(request, item, forms))
        if filling:
            filled = forms.get(filling) or context.get("procedure_forms", {}).get(filling)
            if error := template_fill(filled, request.POST):
                messages.error(request, error)
    context["forms"] = forms
    access_record(request, item)
    return render(request, "correspondence/desk_manage.html", context, status=status)
