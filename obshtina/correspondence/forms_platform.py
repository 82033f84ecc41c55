"""Forms of the national platform's connector: an access request registered by the
desk, and the platform's number of a registered one. The rules live in
``services.platform``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import active_units

from .models import AccessRequest, Correspondence
from .services.platform import ArrivalRoute

PLATFORM_NUMBER_HELP = _(
    "Номерът на заявлението в Платформата за достъп до обществена информация "
    "(pitay.government.bg), ако е подадено там."
)


class AccessRequestRegisterForm(forms.Form):
    route = forms.ChoiceField(label=_("Получено"), choices=ArrivalRoute.choices)
    platform_number = forms.CharField(
        label=_("Номер в Платформата"),
        max_length=40,
        required=False,
        help_text=PLATFORM_NUMBER_HELP,
    )
    sender_type = forms.ChoiceField(
        label=_("Вид заявител"),
        choices=Correspondence.SenderType.choices,
        initial=Correspondence.SenderType.CITIZEN,
    )
    sender_name = forms.CharField(label=_("Име на заявителя"), max_length=200)
    sender_email = forms.EmailField(
        label=_("Имейл"),
        required=False,
        help_text=_("Ако има: заявителят получава номера и решенията по имейл."),
    )
    sender_phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    sender_address = forms.CharField(
        label=_("Адрес за кореспонденция"), max_length=300, required=False
    )
    addressee = forms.ModelChoiceField(
        label=_("Звено"),
        queryset=None,
        required=False,
        empty_label=_("деловодството ще го насочи"),
    )
    subject = forms.CharField(label=_("Относно"), max_length=300)
    text = forms.CharField(
        label=_("Текст на заявлението"), widget=forms.Textarea(attrs={"rows": 4})
    )
    information_description = forms.CharField(
        label=_("Описание на исканата информация"), widget=forms.Textarea(attrs={"rows": 3})
    )
    access_form = forms.ChoiceField(
        label=_("Предпочитана форма на достъп"), choices=AccessRequest.AccessForm.choices
    )
    confirm_similar = forms.BooleanField(
        label=_("Това е ново заявление, не повторение на показаното"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = active_units()


class PlatformNumberForm(forms.Form):
    platform_number = forms.CharField(
        label=_("Номер в Платформата"),
        max_length=40,
        required=False,
        help_text=_("Оставете празно, ако заявлението не е от Платформата."),
    )

    def __init__(self, *args, item: Correspondence, **kwargs):
        super().__init__(*args, **kwargs)
        access = getattr(item, "access_request", None)
        if access is not None and not self.is_bound:
            self.initial["platform_number"] = access.platform_number
