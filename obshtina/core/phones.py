"""Phone numbers as people type them, compared in one form; the form field that
accepts only Bulgarian numbers."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

INVALID_PHONE = _("Въведете български телефонен номер, напр. 0888 123 456 или +359 2 123 4567.")


def phone_e164(raw: str) -> str:
    """`raw` as E.164 ("0888 123 456" → "+359888123456"), or "" when it is no phone number."""
    try:
        number = phonenumbers.parse(raw or "", "BG")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class BulgarianPhoneField(PhoneNumberField):
    """A phone number that must be Bulgarian (a valid number of region BG, typed as
    "0888 123 456", "+359 888 123 456" or "00359888123456"); cleans to a PhoneNumber.

    The municipality calls citizens back on this number, so foreign numbers are
    refused with the same clear message as garbage.
    """

    default_error_messages = {"invalid": INVALID_PHONE}

    def __init__(self, **kwargs):
        kwargs.setdefault("region", "BG")
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and phonenumbers.region_code_for_number(value) != "BG":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class BulgarianPhoneTextField(BulgarianPhoneField):
    """The same rule for the forms whose services store text: cleans to E.164
    ("+359888123456"), or "" when left empty."""

    def clean(self, value) -> str:
        number = super().clean(value)
        return number.as_e164 if number else ""
