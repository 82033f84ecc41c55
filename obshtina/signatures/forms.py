"""The "Подпиши с КЕП" tick of the forms that register an outgoing document."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.signing import signing_enabled


def sign_with_kep_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Подпиши с КЕП"),
        required=False,
        help_text=_("PDF файловете се подписват с квалифицирания електронен подпис на общината."),
    )


def offer_signing(form: forms.Form) -> None:
    """Drop the tick while no signing backend is configured."""
    if not signing_enabled():
        form.fields.pop("sign_with_kep", None)
