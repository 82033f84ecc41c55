"""What staff do on an item's page, the same way for every kind: each action is a
form and the service it calls; the page posts ``action=<name>``.

    ACTIONS = {
        "note": ItemAction(NoteForm, calls(report_add_note, "report"), _("Записано.")),
        "take": ItemAction(ButtonForm, takes(report_assign, "report"), _("Ваш е.")),
    }
    form = ACTIONS[name].form_for(name, report, request.POST)
    if action_perform(request, ACTIONS[name], form, report, errors=(ReportError,)): ...
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from obshtina.core.forms import ButtonForm, service_errors_add

NOT_DONE = _("Действието не е изпълнено: вижте грешките при формуляра.")
UNKNOWN = _("Неизвестно действие.")

Call = Callable[[Any, Any, dict], object]  # (item, actor, the form's cleaned data)


@dataclass(frozen=True)
class ItemAction:
    form: type[forms.Form]
    call: Call
    success: str
    # The form's keyword for the item, when its choices depend on it ("report", "item").
    item_kwarg: str = ""

    def form_for(self, name: str, item, data=None, files=None, **kwargs) -> forms.Form:
        """The action's form; its ids start with ``id_<name>_``, unique on the page."""
        if self.item_kwarg:
            kwargs[self.item_kwarg] = item
        return self.form(data, files, auto_id=f"id_{name}_%s", **kwargs)


def calls(service: Callable, item_arg: str) -> Call:
    """``service(<item_arg>=item, actor=actor, **data)``."""

    def call(item, actor, data):
        return service(**{item_arg: item}, actor=actor, **data)

    return call


def takes(assign: Callable, item_arg: str) -> Call:
    """ "Поеми": the item's assignment service, with the actor as the assignee."""

    def call(item, actor, data):
        return assign(**{item_arg: item}, actor=actor, assignee=actor)

    return call


def assignment_actions(
    *, item_arg: str, assign, unassign, add_note, assigned: str, taken: str
) -> dict[str, ItemAction]:
    """The actions every assigned item has: a note, assigning, taking, undoing it;
    ``assigned`` and ``taken`` say it in the kind's words ("Сигналът е възложен.")."""
    from .forms import ItemAssignForm, NoteForm

    return {
        "note": ItemAction(NoteForm, calls(add_note, item_arg), _("Бележката е записана.")),
        "assign": ItemAction(ItemAssignForm, calls(assign, item_arg), assigned, item_kwarg="item"),
        "take": ItemAction(ButtonForm, takes(assign, item_arg), taken),
        "unassign": ItemAction(
            ButtonForm, calls(unassign, item_arg), _("Възлагането е премахнато.")
        ),
    }


def action_perform(
    request, action: ItemAction, form: forms.Form, item, *, errors: tuple[type[Exception], ...]
) -> bool:
    """Check the posted ``form`` and call the action's service: True when it is done
    (with its success message); otherwise the service's refusal is on the form, and
    a button's refusal (it has no fields to show it beside) is the message itself."""
    if form.is_valid():
        try:
            action.call(item, request.user, form.cleaned_data)
        except errors as error:
            service_errors_add(form, error)
        else:
            messages.success(request, action.success)
            return True
    if isinstance(form, ButtonForm):
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.error(request, NOT_DONE)
    return False
