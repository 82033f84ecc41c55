"""Filters of the public map and of the open-data downloads."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Category, Report


class MapFilterForm(forms.Form):
    """Category and status filters: the map page's <form> and the map data's query."""

    category = forms.ModelMultipleChoiceField(
        label=_("Категория"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Няма такава категория."),
            "invalid_pk_value": _("Няма такава категория."),
        },
    )
    status = forms.MultipleChoiceField(
        label=_("Състояние"),
        choices=Report.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Няма такова състояние.")},
    )

    def category_ids(self) -> list[int]:
        return [category.pk for category in self.cleaned_data.get("category") or []]

    def statuses(self) -> list[str]:
        return list(self.cleaned_data.get("status") or [])


class OpenDataFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("От дата"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Въведете дата във вида ГГГГ-ММ-ДД, напр. 2026-01-31.")},
    )
    date_to = forms.DateField(
        label=_("До дата (включително)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Въведете дата във вида ГГГГ-ММ-ДД, напр. 2026-01-31.")},
    )
    category = forms.ModelChoiceField(
        label=_("Категория"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("Всички категории"),
        error_messages={"invalid_choice": _("Няма такава категория.")},
    )

    def clean(self):
        cleaned = super().clean()
        date_from: date | None = cleaned.get("date_from")
        date_to: date | None = cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("Крайната дата е преди началната."))
        return cleaned
