"""Forms of the registry desk and of a document's desk page.

They check only what a form can (required fields, choices); the rules live in
``services.desk`` and come back as errors on these fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import active_units
from obshtina.signatures.forms import offer_signing, sign_with_kep_field

from .forms import DocumentsField
from .models import Correspondence, OutgoingDocument
from .selectors.desk import staff_members
from .services.desk import OUTGOING_KINDS_FOR_LETTERS, allowed_statuses


def _person(user) -> str:
    return user.get_full_name() or user.email


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Звено"),
        queryset=None,
        error_messages={"invalid_choice": _("Изберете друго действащо звено.")},
    )
    assignee = forms.ModelChoiceField(
        label=_("Служител (по желание)"),
        queryset=None,
        required=False,
        help_text=_("Трябва да е служител на избраното звено."),
    )
    note = forms.CharField(
        label=_("Вътрешна бележка (защо)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Подателят вижда само към кое звено е насочен документът."),
    )

    def __init__(self, *args, item: Correspondence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units().exclude(pk=item.unit_id)
        self.fields["assignee"].queryset = staff_members()
        self.fields["assignee"].label_from_instance = _person


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ново състояние"))
    message = forms.CharField(
        label=_("Съобщение до подателя"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Изпраща се на подателя и се вижда на страницата на документа."),
    )

    def __init__(self, *args, item: Correspondence, **kwargs):
        super().__init__(*args, **kwargs)
        # Any status passes the form, so that a move the rules refuse gets the
        # service's clear message; the menu offers only the allowed ones.
        labels = dict(Correspondence.Status.choices)
        self.fields["status"].choices = Correspondence.Status.choices
        self.fields["status"].widget.choices = [
            (value, labels[value]) for value in allowed_statuses(item)
        ]


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Вид на изходящия документ"),
        choices=[
            (value, label)
            for value, label in OutgoingDocument.Kind.choices
            if value in OUTGOING_KINDS_FOR_LETTERS
        ],
        initial=OutgoingDocument.Kind.ANSWER,
        help_text=_("Отговорът променя състоянието на „отговорено“."),
    )
    text = forms.CharField(
        label=_("Текст"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Кратко съдържание; подателят го вижда на страницата на документа."),
    )
    files = DocumentsField(label=_("Файлове (подписаният документ)"), required=False)
    sign_with_kep = sign_with_kep_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_signing(self)
