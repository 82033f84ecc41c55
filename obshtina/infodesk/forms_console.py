"""The operator console's forms: registering for a caller and logging the call."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.core.dates import has_earthly_offset
from obshtina.core.phones import phone_e164
from obshtina.reports.forms import ReportForm
from obshtina.reports.models import Report

from .models import CallLog, QuestionTopic

NUMBERS = re.compile(r"[^\s,;]+")


def _check_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not phone_e164(value):
        raise forms.ValidationError(_("Въведете валиден телефонен номер, напр. 0888 123 456."))
    return value


class CallerForm(forms.Form):
    phone = forms.CharField(
        label=_("Телефон на обаждащия се"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "accesskey": "c"}),
    )
    email = forms.EmailField(label=_("или имейл"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "caller-%s")  # one page holds all the console's forms
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        return _check_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(_("Въведете телефон или имейл на обаждащия се."))
        return cleaned


class ConsoleReportForm(ReportForm):
    """The citizen's report form without photos and the honeypot: the operator types it."""

    channel = Report.Channel.PHONE

    # A caller may ring from abroad: any possible number, not only a Bulgarian one.
    phone = forms.CharField(
        label=_("Телефон"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    field_order = [
        "category",
        "description",
        "settlement",
        "address",
        "latitude",
        "longitude",
        "name",
        "phone",
        "email",
    ]

    def __init__(self, *args, **kwargs):
        kwargs["user"] = None  # the operator's own profile is not the caller's
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        del self.fields["photos"]
        del self.fields["website"]
        self.fields["description"].help_text = _(
            "Запишете думите на обаждащия се без лични данни – описанието е публично."
        )
        self.fields["settlement"].help_text = _(
            "Центърът на населеното място е мястото на сигнала, освен ако не въведете координати."
        )
        self.fields["email"].help_text = _("На него се изпраща номерът и личната връзка.")
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["category"].widget.attrs["accesskey"] = "r"

    def clean_phone(self):
        return _check_phone(self.cleaned_data["phone"])


class ConsoleQuestionForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Тема на въпроса"),
        queryset=QuestionTopic.objects.filter(is_active=True),
        empty_label=_("– изберете –"),
        widget=forms.Select(attrs={"accesskey": "q"}),
    )
    text = forms.CharField(
        label=_("Въпрос"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    name = forms.CharField(label=_("Име"), max_length=200, required=False)
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Имейл"),
        required=False,
        help_text=_("На него се изпращат номерът и отговорът."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        return _check_phone(self.cleaned_data["phone"])


class CallLogForm(forms.Form):
    started_at = forms.DateTimeField(
        label=_("Начало на обаждането"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Празно – сега."),
    )
    caller_name = forms.CharField(label=_("Обаждащ се"), max_length=200, required=False)
    caller_phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    caller_email = forms.EmailField(label=_("Имейл"), required=False)
    topic = forms.CharField(
        label=_("Тема на обаждането"),
        max_length=300,
        widget=forms.TextInput(attrs={"accesskey": "l"}),
    )
    outcome = forms.ChoiceField(label=_("Резултат"), choices=CallLog.Outcome.choices)
    notes = forms.CharField(
        label=_("Бележки"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    linked_numbers = forms.CharField(
        label=_("Свързани номера"),
        max_length=500,
        required=False,
        help_text=_("Номерата, регистрирани или намерени по време на разговора, със запетая."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "call-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started_at", timezone.localtime().replace(second=0))

    def clean_started_at(self):
        # The field also takes ISO 8601 with an offset; PostgreSQL refuses offsets
        # beyond ±15:59, so a zone no clock keeps is a message, not an error page.
        started_at = self.cleaned_data["started_at"]
        if started_at and not has_earthly_offset(started_at):
            raise forms.ValidationError(
                _("Часовата зона трябва да е между -12:00 и +14:00, напр. +02:00.")
            )
        return started_at

    def clean_caller_phone(self):
        return _check_phone(self.cleaned_data["caller_phone"])

    def record(self) -> dict:
        """Keyword arguments for ``call_log_record`` (without ``operator``)."""
        data = self.cleaned_data
        return {
            "started_at": data["started_at"],
            "caller_name": data["caller_name"],
            "caller_phone": data["caller_phone"],
            "caller_email": data["caller_email"],
            "topic": data["topic"],
            "outcome": data["outcome"],
            "notes": data["notes"],
            "linked_numbers": NUMBERS.findall(data["linked_numbers"]),
        }
