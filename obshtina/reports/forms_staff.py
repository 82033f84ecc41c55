"""Forms of the officers' queue and of a report's staff page.

The forms only check what a form can (required fields, choices); the rules live
in ``services.workflow`` and come back as errors on these fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import active_units

from .models import Report, ReportPhoto
from .services.errors import ReportError
from .services.redaction import parse_boxes
from .services.workflow import allowed_statuses


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ново състояние"))
    public_message = forms.CharField(
        label=_("Публично съобщение"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Вижда се на страницата на сигнала и се изпраща на подателя и абонатите."),
    )
    forwarded_to = forms.CharField(
        label=_("Институция (при препращане)"),
        required=False,
        max_length=200,
        help_text=_("Напр. „ВиК Самоков“ или „ЧЕЗ/Електрохолд“."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        # Any status passes the form, so that a move the rules refuse gets the
        # service's clear message; the menu offers only the allowed ones.
        labels = dict(Report.Status.choices)
        self.fields["status"].choices = Report.Status.choices
        self.fields["status"].widget.choices = [
            (value, labels[value]) for value in allowed_statuses(report)
        ]


class AnswerForm(forms.Form):
    message = forms.CharField(label=_("Публичен отговор"), widget=forms.Textarea(attrs={"rows": 4}))


class RerouteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Звено"),
        queryset=None,
        error_messages={"invalid_choice": _("Изберете друго действащо звено.")},
    )
    note = forms.CharField(
        label=_("Вътрешна бележка (защо)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units().exclude(pk=report.unit_id)


class EditTextForm(forms.Form):
    description = forms.CharField(
        label=_("Публичен текст на сигнала"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Оригиналният текст остава в историята."),
    )


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label=_("Номер на оригиналния сигнал"),
        max_length=32,
        help_text=_("Напр. С-2026-000123."),
    )

    def clean_original(self) -> Report:
        # Numbers are stored in capitals; SQLite's iexact folds only ASCII letters.
        number = self.cleaned_data["original"].strip().upper()
        original = Report.objects.filter(number=number).first()
        if original is None:
            raise forms.ValidationError(
                _("Няма сигнал с номер %(number)s."), params={"number": number}
            )
        return original


class PhotoForm(forms.Form):
    photo = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    hidden = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].queryset = ReportPhoto.objects.filter(report=report)


class RedactForm(forms.Form):
    """The parts of a photo to black out, as x,y,width,height in percent (the page's script
    fills them by drawing on the photo)."""

    photo = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    boxes = forms.CharField(
        label=_("Части за закриване (x,y,ширина,височина в %; разделени с „;“)"),
        max_length=2000,
        error_messages={"required": _("Отбележете поне една част на снимката.")},
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].queryset = ReportPhoto.objects.filter(report=report)

    def clean_boxes(self):
        try:
            return parse_boxes(self.cleaned_data["boxes"])
        except ReportError as error:
            raise forms.ValidationError(error.message_dict["boxes"]) from None
