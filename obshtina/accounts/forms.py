from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField


class SignupDetailsForm(forms.Form):
    """Extra fields allauth's signup form asks for (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("Име"), max_length=150)
    last_name = forms.CharField(label=_("Фамилия"), max_length=150)
    phone = PhoneNumberField(label=_("Телефон"), region="BG")

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.phone = self.cleaned_data["phone"]
        user.save()
