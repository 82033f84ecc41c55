from django import forms
from django.utils.translation import gettext_lazy as _


class LinkPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Парола на акаунта"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
