"""Forms of the editors' pages.

They check what a form can (required fields, choices, the uploaded file's
content, so the error shows beside the field); ``services.knowledge`` saves.
The model forms are never saved themselves: their cleaned data goes to the
service, and their in-memory instance is what the preview shows.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.core.uploads import validate_document
from obshtina.organization.selectors import active_units

from .models import Regulation, Service, Theme
from .selectors.editor import service_forms
from .services.knowledge import REGULATION_FIELDS, SERVICE_FIELDS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Търсене по наименование"), required=False, max_length=200, widget=forms.SearchInput
    )


def _document(upload):
    if upload:
        validate_document(upload)
    return upload


class ThemesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Theme.objects.all(),
            required=False,
            label=_("Теми и житейски ситуации"),
            **kwargs,
        )


class ServiceEditForm(forms.ModelForm):
    themes = ThemesField()
    form_title = forms.CharField(
        label=_("Заглавие на новата бланка"),
        required=False,
        max_length=200,
        help_text=_("Ако е празно, се използва името на файла."),
    )
    form_file = forms.FileField(
        label=_("Нова бланка (файл)"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument или изображение."),
    )
    remove_forms = forms.ModelMultipleChoiceField(
        label=_("Премахни бланки"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = SERVICE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "purpose",
                "who_may_apply",
                "required_documents",
                "fees",
                "how_to_apply",
                "legal_basis",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.fields["unit"].empty_label = _("— без звено —")
        self.fields["remove_forms"].queryset = service_forms(self.instance)
        if self.instance.pk:
            self.initial.setdefault("themes", list(self.instance.themes.all()))
        else:
            self.initial["is_published"] = False  # published only when the editor says so

    def clean_form_file(self):
        return _document(self.cleaned_data.get("form_file"))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("form_title")
            and not cleaned.get("form_file")
            and "form_file" not in self.errors
        ):
            self.add_error("form_file", _("Изберете файл за бланката."))
        return cleaned

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SERVICE_FIELDS}

    def forms_to_add(self) -> list:
        upload = self.cleaned_data.get("form_file")
        return [(self.cleaned_data.get("form_title", ""), upload)] if upload else []


class RegulationEditForm(forms.ModelForm):
    themes = ThemesField()
    file = forms.FileField(
        label=_("Файл на документа"),
        required=False,
        help_text=_("PDF, Word, OpenDocument или изображение. Нов файл заменя досегашния."),
    )

    class Meta:
        model = Regulation
        fields = REGULATION_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if self.instance.pk:
            self.initial.setdefault("themes", list(self.instance.themes.all()))
        else:
            self.initial["is_published"] = False  # published only when the editor says so

    def clean_file(self):
        return _document(self.cleaned_data.get("file"))

    def regulation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in REGULATION_FIELDS}
