from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Notification


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Състояние"),
        required=False,
        choices=[("", _("Всички")), *Notification.Status.choices],
    )
    q = forms.CharField(
        label=_("Получател"), required=False, max_length=254, widget=forms.SearchInput
    )
