"""Forms of the access-to-information procedure: the officer's notices and decisions
(on the desk page) and the requester's clarification.

Each officer form's ``cleaned_data`` are exactly the keyword arguments of its
service in ``services.procedure`` (besides ``item`` and ``actor``), and the
service's errors are keyed by the same names, so they land next to the fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.signatures.forms import offer_signing, sign_with_kep_field

from .forms import DocumentsField
from .models import AccessRequest, Correspondence
from .services.access_terms import DEFAULT_APPEAL_INFO, ExtensionReason, Outcome, RefusalGround
from .services.deadlines import MIN_ACCESS_PERIOD_DAYS
from .services.procedure import allowed_actions


def _text_field(label):
    return forms.CharField(label=label, max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))


def _files_field():
    return DocumentsField(
        label=_("Документ (подписан, PDF или офис формат)"),
        required=False,
        help_text=_("Изпраща се на заявителя и се вижда на страницата на заявлението."),
    )


class ProcedureForm(forms.Form):
    """Shared by the officer's forms; ``title`` and ``button`` label the form on the page."""

    action = ""
    title = ""
    button = ""
    danger = False

    def __init__(self, *args, item: Correspondence, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)


class ClarificationRequestForm(ProcedureForm):
    action = "access_clarification"
    title = _("Уведомление за уточняване (чл. 29 ЗДОИ)")
    button = _("Регистрирай и изпрати уведомлението")

    text = _text_field(_("Какво трябва да уточни заявителят"))
    files = _files_field()


class ExtendForm(ProcedureForm):
    action = "access_extend"
    title = _("Удължаване на срока (чл. 30, 31 ЗДОИ)")
    button = _("Регистрирай и изпрати уведомлението")

    reason = forms.ChoiceField(
        label=_("Основание"), choices=ExtensionReason.choices, widget=forms.RadioSelect
    )
    text = _text_field(_("Текст на уведомлението"))
    files = _files_field()


class ForwardForm(ProcedureForm):
    action = "access_forward"
    title = _("Препращане към друг орган (чл. 32 ЗДОИ)")
    button = _("Препрати и уведоми заявителя")

    body_name = forms.CharField(label=_("Орган, който разполага с информацията"), max_length=300)
    text = _text_field(_("Текст на уведомлението"))
    files = _files_field()


class NotHeldForm(ProcedureForm):
    action = "access_not_held"
    title = _("Информацията не е налична (чл. 33 ЗДОИ)")
    button = _("Регистрирай и изпрати уведомлението")

    text = _text_field(_("Текст на уведомлението"))
    files = _files_field()


class DecideForm(ProcedureForm):
    """Grant, partial or refuse. Which fields are required depends on the outcome;
    the service checks that and its errors land next to these fields."""

    action = "access_decide"
    title = _("Решение по заявлението (чл. 34, 38 ЗДОИ)")
    button = _("Регистрирай и изпрати решението")

    outcome = forms.ChoiceField(
        label=_("Решение"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    form_of_access = forms.ChoiceField(
        label=_("Форма на достъп"),
        choices=[("", "—"), *AccessRequest.AccessForm.choices],
        required=False,
    )
    place = forms.CharField(label=_("Място на достъп"), max_length=300, required=False)
    time_limit = forms.IntegerField(
        label=_("Срок за достъп (дни от получаване на решението)"),
        min_value=MIN_ACCESS_PERIOD_DAYS,
        max_value=3650,
        initial=MIN_ACCESS_PERIOD_DAYS,
        required=False,
    )
    costs = forms.CharField(
        label=_("Разходи"),
        max_length=300,
        required=False,
        help_text=_("Напр. „без разходи“ или сумата по нормативите за разходите."),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Правно основание за отказ (и за частичния достъп)"),
        choices=[("", "—"), *RefusalGround.choices],
        required=False,
    )
    text = _text_field(_("Текст на решението; при отказ – фактическите основания"))
    appeal_info = forms.CharField(
        label=_("Ред за обжалване"), max_length=500, initial=DEFAULT_APPEAL_INFO
    )
    files = _files_field()
    sign_with_kep = sign_with_kep_field()

    def __init__(self, *args, item: Correspondence, **kwargs):
        super().__init__(*args, item=item, **kwargs)
        offer_signing(self)
        access = getattr(item, "access_request", None)
        if access is not None:
            self.fields["form_of_access"].initial = access.access_form


class ClarifyForm(forms.Form):
    """The requester's clarification (чл. 29 ЗДОИ)."""

    text = forms.CharField(
        label=_("Уточнение на заявлението"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


PROCEDURE_FORMS = {
    form_class.action: form_class
    for form_class in (ClarificationRequestForm, ExtendForm, ForwardForm, NotHeldForm, DecideForm)
}


def procedure_forms_for(item: Correspondence, data=None, files=None) -> dict:
    """The officer's procedure forms the item's status allows, by action name.

    Only the form named by ``data["action"]`` is bound to ``data``/``files``; the
    others are empty, so a refused submission shows its errors beside clean forms.
    """
    posted = (data or {}).get("action")
    forms_by_action = {}
    for action in allowed_actions(item):
        form_class = PROCEDURE_FORMS[action]
        bound = (data, files) if action == posted else (None, None)
        forms_by_action[action] = form_class(*bound, item=item, auto_id=f"id_{action}_%s")
    return forms_by_action
