from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.core.phones import BulgarianPhoneField

from .models import User


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("Име"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Фамилия"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = BulgarianPhoneField(label=_("Телефон"), required=False)


class ProfileEditForm(ProfileForm):
    """The profile page's form: the details, the language of the e-mails and, for
    staff only (``staff=True``), how they hear of new work."""

    language = forms.ChoiceField(
        label=_("Език на имейлите"),
        choices=User.Language.choices,
        help_text=_("На този език ще получавате имейлите и известията от общината."),
        error_messages={"invalid_choice": _("Изберете български или английски.")},
    )
    work_notices = forms.ChoiceField(
        label=_("Известия за нова работа"),
        choices=User.WorkNotices.choices,
        help_text=_(
            "Когато преписка бъде възложена на вас или насочена към звеното ви, когато "
            "гражданин заяви или откаже среща по ваш график, отвори отново сигнал или "
            "уточни заявление."
        ),
        error_messages={"invalid_choice": _("Изберете веднага или веднъж на ден.")},
    )

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["work_notices"]


class SignupDetailsForm(ProfileForm):
    """Extra fields allauth's signup form asks for (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["email", "first_name", "last_name", "phone", "password1", "password2"]

    phone = BulgarianPhoneField(label=_("Телефон"))

    def signup(self, request, user):
        from .services import user_update_profile

        user_update_profile(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            phone=self.cleaned_data["phone"],
            # The e-mails come in the language the person signed up in.
            language=getattr(request, "LANGUAGE_CODE", "") or None,
        )


class DeleteAccountForm(forms.Form):
    """Asks for the password, so a forgotten open session cannot erase an account."""

    password = forms.CharField(
        label=_("Парола"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Паролата не е вярна."), code="wrong_password")
        return password


class DeleteAccountWithoutPasswordForm(forms.Form):
    """For an account that signs in only through eAuth (it has no password): a fresh
    eAuth sign-in proves who asks (the view checks it), this confirms the intent."""

    confirm = forms.BooleanField(
        label=_("Разбирам, че профилът ми ще бъде изтрит завинаги."),
        error_messages={"required": _("Отбележете, че разбирате какво ще стане.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
