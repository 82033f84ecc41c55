"""The form of the answer templates' staff pages.

The rules (placeholders, the citizen's name only in private answers, who keeps
which unit's templates) are in ``answer_templates`` and come back as errors on
these fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.infodesk.models import QuestionTopic
from obshtina.organization import permissions
from obshtina.organization.selectors import active_units
from obshtina.reports.models import Category

from .answer_templates import statuses_for_kind
from .models import AnswerTemplate


def status_choices() -> list:
    """Every kind's statuses, grouped under the kind's name (the service checks
    that the chosen one belongs to the template's kind)."""
    groups = [
        (label, statuses_for_kind(value))
        for value, label in AnswerTemplate.Kind.choices
        if statuses_for_kind(value)
    ]
    return [("", _("– не се попълва автоматично –")), *groups]


class AnswerTemplateForm(forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["title", "kind", "step", "category", "topic", "unit", "status", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "title": {"required": _("Напишете заглавие на шаблона.")},
            "text": {"required": _("Напишете текста на шаблона.")},
            "kind": {"required": _("Изберете вида преписка.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["topic"].queryset = QuestionTopic.objects.filter(is_active=True)
        self.fields["status"] = forms.ChoiceField(
            label=self.fields["status"].label,
            help_text=self.fields["status"].help_text,
            required=False,
            choices=status_choices,
        )
        if permissions.can_edit_knowledge(user):  # editors and administrators
            self.fields["unit"].queryset = active_units()
        else:  # a unit head: their units only, and one must be chosen
            self.fields["unit"].queryset = permissions.headed_units_of(user)
            self.fields["unit"].required = True
            self.fields["unit"].empty_label = None
            self.fields["unit"].help_text = _("Шаблоните на звената, които ръководите.")


class AnswerTemplateAdminForm(forms.ModelForm):
    """The admin's form: the status as a list, as on the staff pages."""

    status = forms.ChoiceField(
        label=_("попълва се автоматично при състояние"), required=False, choices=status_choices
    )

    class Meta:
        model = AnswerTemplate
        fields = [*AnswerTemplateForm.Meta.fields, "is_active"]
