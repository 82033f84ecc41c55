"""Choosing an answer template where answers are written: the pages' side.

A staff page offers templates on a form with ``offer_templates(form, item,
target=...)``; the form then renders ``casework/_template_picker.html`` (a
<select> of the templates and a "Попълни" button). Without JavaScript the button
posts the form with ``FILL_BUTTON``; the view does not save but calls
``template_fill(form, request.POST)`` on a fresh unbound form and shows the page
again with the filled-in text. With JavaScript (``casework/answer_templates.js``)
the same button fills the text area in place from the texts rendered into the
page, and choosing a status that has an automatic template fills an empty text.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from .answer_templates import template_render, templates_for

TEMPLATE_FIELD = "answer_template"
FILL_BUTTON = "fill_template"


@dataclass
class TemplatePicker:
    target: str  # the name of the form field the template fills
    target_id: str  # its HTML id
    prefix: str  # makes the picker's own ids unique on the page
    choices: list[tuple[str, str]]
    texts: dict[str, str]  # template id → its text filled in for the item
    # The value of ``status_field`` → the id of the template that fills in by itself.
    auto: dict[str, str] = field(default_factory=dict)
    status_field: str = ""
    selected: str = ""

    @property
    def select_id(self) -> str:
        return f"{self.prefix}_{TEMPLATE_FIELD}"

    @property
    def texts_id(self) -> str:
        return f"{self.prefix}_template_texts"

    @property
    def script_data(self) -> dict:
        return {"texts": self.texts, "auto": self.auto}

    def chosen(self, data) -> str | None:
        """The template the fill-in button uses for the posted ``data``: the one
        chosen in the list, or else the automatic one of the chosen status."""
        chosen = data.get(TEMPLATE_FIELD, "")
        if chosen in self.texts:
            return chosen
        return self.auto.get(data.get(self.status_field, "")) if self.status_field else None


def is_fill_request(request) -> bool:
    """Was the page's form posted by its "Попълни" button (nothing is saved)?"""
    return request.method == "POST" and FILL_BUTTON in request.POST


def offer_templates(
    form: forms.Form,
    item,
    *,
    target: str,
    status_field: str = "",
    status_of: dict[str, str] | None = None,
    step: str = "",
    implied_status: str = "",
) -> TemplatePicker | None:
    """Offer ``item``'s templates on ``form`` (as ``form.template_picker``).

    ``status_field`` names the form's field whose choice may fill in an automatic
    template; ``status_of`` maps that field's values to the item's statuses when
    they differ (an access decision's outcome → granted/refused). A form that
    moves the item to one status (``implied_status``) starts with that status's
    automatic template chosen. Returns None when no template is offered.
    """
    templates = templates_for(item, step=step)
    if not templates:
        form.template_picker = None
        return None
    texts = {str(template.pk): template_render(template, item) for template in templates}
    automatic: dict[str, str] = {}
    for template in templates:  # the most specific first: keep the first per status
        if template.status:
            automatic.setdefault(template.status, str(template.pk))
    if status_of is not None:
        auto = {
            value: automatic[status] for value, status in status_of.items() if status in automatic
        }
    else:
        auto = automatic if status_field else {}
    picker = TemplatePicker(
        target=target,
        target_id=form[target].auto_id,
        prefix=form.auto_id.replace("_%s", "") if isinstance(form.auto_id, str) else "id",
        choices=[(str(template.pk), template.title) for template in templates],
        texts=texts,
        auto=auto,
        status_field=status_field,
        selected=automatic.get(implied_status, "") if implied_status else "",
    )
    form.template_picker = picker
    return picker


def template_fill(form: forms.Form, data) -> str | None:
    """Put the posted values and the chosen template's text into the unbound
    ``form``'s initial values. Returns a message when there is nothing to fill in."""
    picker = getattr(form, "template_picker", None)
    if picker is None:
        return str(_("За този отговор няма шаблони."))
    chosen = picker.chosen(data)
    if chosen is None:
        return str(_("Изберете шаблон от списъка и натиснете „Попълни“."))
    for name, form_field in form.fields.items():
        if name in data and not isinstance(form_field, forms.FileField):
            multiple = isinstance(form_field, forms.MultipleChoiceField)
            form.initial[name] = data.getlist(name) if multiple else data.get(name)
    form.initial[picker.target] = picker.texts[chosen]
    picker.selected = chosen
    form.template_filled = True
    return None
