"""The registry desk (деловодство): a document's desk page with its actions (the
documents' list is the officials' workspace).

Staff pages only (``is_staff_member``); a document the user may not see is a
404, so its existence is not confirmed to them. The access-to-information
procedure's actions live in ``views.procedure``; this page shows and dispatches
them.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from obshtina.casework.actions import ItemAction, assignment_actions, calls
from obshtina.casework.item_view import ItemPage
from obshtina.organization.permissions import can_publish_access_answers

from ..forms_desk import AnswerForm, RouteForm, StatusForm
from ..forms_platform import PlatformNumberForm
from ..models import Correspondence, PublishedAnswer
from ..selectors.desk import (
    is_overdue,
    item_attachments,
    item_for_desk,
    item_outgoing_documents,
    item_timeline,
    staff_can_view_item,
)
from ..services import desk as services
from ..services.decision_export import decision_of
from ..services.errors import CorrespondenceError
from ..services.platform import access_request_platform_number_set

PROCEDURE_ACTION_PREFIX = "access_"


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
    "platform_number": ItemAction(
        PlatformNumberForm,
        calls(access_request_platform_number_set, "item"),
        _("Номерът от Платформата е записан."),
        item_kwarg="item",
    ),
}
# Access requests move only through the law's notices and decisions (views.procedure).
LETTER_ONLY_ACTIONS = frozenset({"status", "answer"})
# The national platform's connector (ACCESS_PLATFORM): access requests only.
PLATFORM_ACTIONS = frozenset({"platform_number"})


class DocumentPage(ItemPage):
    actions = ACTIONS
    errors = (CorrespondenceError,)
    template = "correspondence/desk_manage.html"
    url_name = "correspondence:manage"
    template_forms = {
        "answer": {"target": "text", "implied_status": Correspondence.Status.ANSWERED},
        "status": {"target": "message", "status_field": "status"},
    }

    def find(self, number):
        return item_for_desk(number)

    def can_view(self, user, item):
        return staff_can_view_item(user, item)

    def timeline(self, item):
        return item_timeline(item)

    def actions_for(self, item):
        if item.is_access_request:
            left_out = LETTER_ONLY_ACTIONS | (
                set() if settings.ACCESS_PLATFORM else PLATFORM_ACTIONS
            )
        else:
            left_out = PLATFORM_ACTIONS
        return [action for action in ACTIONS if action not in left_out]

    def before(self, request, item):
        if item.author_id == request.user.pk and not self.can_view(request.user, item):
            # Their own letter or complaint: they read it as its sender, without the
            # internal notes of the unit that handles it.
            messages.info(request, _("Това е ваш документ: виждате го като подател."))
            return redirect(item.get_absolute_url())
        return None

    def special_action(self, request, item, action):
        if action.startswith(PROCEDURE_ACTION_PREFIX) and item.is_access_request:
            from .procedure import handle_procedure_action  # it imports this module

            return handle_procedure_action(request, item)
        return None

    def context(self, request, item, forms, can_manage):
        context = {
            "access_request": getattr(item, "access_request", None)
            if item.is_access_request
            else None,
            "overdue": is_overdue(item),
            "attachments": item_attachments(item),
            "outgoing_documents": item_outgoing_documents(item),
            "show_procedure_actions": can_manage and item.is_access_request,
            "published_answer": PublishedAnswer.objects.filter(correspondence=item).first()
            if item.is_access_request
            else None,
            "can_publish": can_publish_access_answers(request.user),
            "access_platform": settings.ACCESS_PLATFORM and item.is_access_request,
        }
        if context["access_platform"]:
            context["platform_decision"] = decision_of(item)
        if context["show_procedure_actions"]:
            from .procedure import procedure_actions_context

            context.update(procedure_actions_context(request, item, forms))
        return context

    def form_to_fill(self, forms, context, action):
        return forms.get(action) or context.get("procedure_forms", {}).get(action)


PAGE = DocumentPage()
manage = PAGE.as_view()
manage_page = PAGE.page  # the procedure's views show a refused or filled-in form with it
