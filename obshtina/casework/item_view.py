"""An item's staff page, the same way for every kind: find it, check who may see and
change it, dispatch the posted action to its service, offer answer templates, render.

A kind subclasses ``ItemPage`` with its model's lookups, its ``actions``
(casework.actions), its template and its page's URL name, and routes
``PAGE.as_view()`` (e.g. ``ReportPage`` in reports/views/staff.py).

What differs per kind are the hooks (``find``, ``context``, ``initial``…); the flow,
its refusals (404 for what the user may not see, 403 for what they may not change)
and its messages are here once.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from obshtina.audit.services import access_record
from obshtina.core.decorators import allowed_if
from obshtina.core.forms import ButtonForm
from obshtina.organization import permissions
from obshtina.organization.selectors import may_take

from .actions import UNKNOWN, ItemAction, action_perform
from .pickers import is_fill_request, offer_templates, template_fill


class ItemPage:
    actions: dict[str, ItemAction] = {}
    errors: tuple[type[Exception], ...] = ()
    template: str = ""
    url_name: str = ""  # the page's own URL name, which takes the item's number
    item_name: str = "item"  # the item's name in the template's context
    # The forms that offer answer templates: action → where the text goes (casework.pickers).
    template_forms: dict[str, dict] = {}

    # -- what a kind tells -------------------------------------------------------

    def find(self, number: str):
        """The item with that number, or None."""
        raise NotImplementedError

    def can_view(self, user, item) -> bool:
        raise NotImplementedError

    def can_manage(self, user, item) -> bool:
        return permissions.can_manage_item(user, item)

    def timeline(self, item) -> list:
        raise NotImplementedError

    def context(self, request, item, forms: dict, can_manage: bool) -> dict:
        """What the kind's template shows besides the item, its forms and timeline."""
        return {}

    def initial(self, action: str, item) -> dict:
        """The values an unbound form starts from."""
        return {}

    def actions_for(self, item) -> list[str]:
        return list(self.actions)

    def before(self, request, item) -> HttpResponse | None:
        """A response that replaces the page (e.g. the user's own item, read as its author)."""
        return None

    def special_action(self, request, item, action: str) -> HttpResponse | None:
        """A posted action handled outside ``actions`` (a legal procedure's steps)."""
        return None

    def form_to_fill(self, forms: dict, context: dict, action: str):
        return forms.get(action)

    # -- the flow ----------------------------------------------------------------

    def form(self, action: str, item, data=None, files=None):
        kwargs = {} if data is not None else {"initial": self.initial(action, item)}
        return self.actions[action].form_for(action, item, data, files, **kwargs)

    def after_change(self, request, item) -> HttpResponse:
        item.refresh_from_db()
        if self.can_view(request.user, item):
            return redirect(self.url_name, number=item.number)
        return redirect("casework:workspace")  # routed away from the user's units

    def view(self, request, number: str) -> HttpResponse:
        item = self.find(number)
        if item is not None and (response := self.before(request, item)):
            return response
        if item is None or not self.can_view(request.user, item):
            raise Http404
        if request.method != "POST":
            return self.page(request, item)
        if not self.can_manage(request.user, item):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if response := self.special_action(request, item, action):
            return response
        if action not in self.actions_for(item):
            messages.error(request, UNKNOWN)
            return redirect(self.url_name, number=item.number)
        if action in self.template_forms and is_fill_request(request):
            # "Попълни": the template's text goes into the form; nothing is saved.
            return self.page(request, item, filling=action)
        form = self.form(action, item, request.POST, request.FILES)
        if action_perform(request, self.actions[action], form, item, errors=self.errors):
            return self.after_change(request, item)
        # A refused button's reason is a message already: its form is shown afresh.
        bound = {} if isinstance(form, ButtonForm) else {action: form}
        return self.page(request, item, forms=bound, status=400)

    def page(
        self, request, item, *, forms: dict | None = None, status: int = 200, filling: str = ""
    ) -> HttpResponse:
        """The page of an item the caller has already checked the user may see; bound
        ``forms`` (by action) are shown with their errors, ``filling`` names the form
        whose "Попълни" button was pressed."""
        forms = dict(forms or {})
        can_manage = self.can_manage(request.user, item)
        if can_manage:
            for action in self.actions_for(item):
                forms.setdefault(action, self.form(action, item))
            for action, options in self.template_forms.items():
                if action in forms:
                    offer_templates(forms[action], item, **options)
        context = {
            self.item_name: item,
            "can_manage": can_manage,
            "may_take": can_manage and may_take(request.user, item),
            "events": self.timeline(item),
            **self.context(request, item, forms, can_manage),
        }
        context["forms"] = forms
        filled = self.form_to_fill(forms, context, filling) if filling else None
        if filled is not None and (error := template_fill(filled, request.POST)):
            messages.error(request, error)
        access_record(request, item)  # the page shows the citizen's name and contacts
        return render(request, self.template, context, status=status)

    def as_view(self):
        page = self

        @allowed_if(permissions.is_staff_member)
        @require_http_methods(["GET", "POST"])
        def view(request, number: str):
            return page.view(request, number)

        return view
