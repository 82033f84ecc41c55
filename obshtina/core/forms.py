from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


def service_errors_add(
    form: forms.Form, error: ValidationError, *, field_of: dict[str, str] | None = None
) -> None:
    """Show a service's refusal next to the field it names (``field_of`` maps the
    service's names to the form's), the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = (field_of or {}).get(name, name)
        form.add_error(field if field in form.fields else None, errors)


class ServiceErrorsMixin:
    """``form.add_service_errors(error)``: ``service_errors_add`` as a method;
    ``service_field_of`` maps the service's field names to the form's."""

    service_field_of: dict[str, str] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        service_errors_add(self, error, field_of=self.service_field_of)


class PublicSubmissionForm(forms.Form):
    """What every form open to anonymous citizens shares (reports, questions).

    Subclasses declare ``name``, ``email`` and ``phone`` fields and the
    ``honeypot_message``. A registered user's own data fill those fields and
    cannot be edited here; a filled honeypot refuses the form with a message at
    the top, which views count against the per-IP rate limit.
    """

    honeypot_message = ""

    # Honeypot: people never see it; bots fill every field they find.
    website = forms.CharField(
        label=_("Оставете това поле празно"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if user is not None and user.is_authenticated:
            self._use_profile(user)

    def _use_profile(self, user) -> None:
        profile = {
            "name": user.get_full_name(),
            "email": user.email,
            "phone": str(user.phone) if user.phone else "",
        }
        for name, value in profile.items():
            if value:
                self.fields[name].initial = value
                self.fields[name].disabled = True
                self.fields[name].help_text = _("От профила ви; променя се в „Моят профил“.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(self.honeypot_message, code="honeypot")
        return cleaned

    @property
    def is_honeypot_filled(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, code="honeypot")


class ButtonForm(forms.Form):
    """A one-click action of a staff page ("Поеми", "Премахни възлагането"): nothing
    to fill in, and a refusal, whichever field the service names, shows above its button."""

    def add_error(self, field, error):
        if field is None and getattr(error, "error_dict", None):
            error = ValidationError(error.messages)
        super().add_error(field, error)
