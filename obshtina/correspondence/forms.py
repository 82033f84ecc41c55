"""The citizen's form for a new document ("Подай писмо / жалба / предложение / заявление")."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from obshtina.core.forms import ServiceErrorsMixin
from obshtina.core.phones import BulgarianPhoneTextField
from obshtina.core.uploads import MultipleFileInput, MultipleFilesField, clean_document
from obshtina.core.validators import validate_eik
from obshtina.organization.selectors import active_units

from .models import AccessRequest, Correspondence

MAX_ATTACHMENTS = 5
FILES_AGAIN = _("Прикачете файловете отново: от съображения за сигурност браузърът не ги пази.")
ORGANISATION_SENDER_TYPES = frozenset(
    {Correspondence.SenderType.COMPANY, Correspondence.SenderType.NGO}
)
ORGANISATION_FIELDS = ("name", "eik", "address", "role")


class DocumentsField(MultipleFilesField):
    """Up to ``MAX_ATTACHMENTS`` documents, each checked by content; images lose
    their EXIF/GPS metadata as report photos do.

    The cleaned value is a list of ``(file, content type)`` pairs, as
    ``correspondence_submit`` takes them.
    """

    widget = MultipleFileInput(
        attrs={
            "accept": ".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
        }
    )
    max_files = MAX_ATTACHMENTS

    def clean_file(self, upload):
        return clean_document(upload)


class CorrespondenceForm(ServiceErrorsMixin, forms.Form):
    """Everything a document needs; the access-request and organisation parts are
    always in the page (no JavaScript needed) and required only when they apply."""

    kind = forms.ChoiceField(
        label=_("Вид на документа"),
        choices=Correspondence.Kind.choices,
        widget=forms.RadioSelect,
    )
    addressee = forms.ModelChoiceField(
        label=_("До кое звено"),
        queryset=active_units(),
        required=False,
        empty_label=_("Не знам – деловодството ще го насочи"),
    )
    subject = forms.CharField(label=_("Относно"), max_length=300)
    text = forms.CharField(
        label=_("Текст"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachments = DocumentsField(label=_("Прикачени файлове"), required=False)

    # The access-to-information request (ЗДОИ, чл. 25).
    information_description = forms.CharField(
        label=_("Описание на исканата информация"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Каква информация искате? Колкото по-точно, толкова по-бързо."),
    )
    access_form = forms.ChoiceField(
        label=_("Предпочитана форма на достъп"),
        choices=AccessRequest.AccessForm.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    # The sender.
    sender_type = forms.ChoiceField(
        label=_("Подавам като"),
        choices=Correspondence.SenderType.choices,
        initial=Correspondence.SenderType.CITIZEN,
    )
    sender_name = forms.CharField(label=_("Име и фамилия"), max_length=200)
    sender_email = forms.EmailField(label=_("Имейл"))
    sender_phone = BulgarianPhoneTextField(
        label=_("Телефон"),
        required=False,
        help_text=_("Български номер, напр. 0888 123 456."),
    )
    sender_address = forms.CharField(
        label=_("Адрес за кореспонденция"),
        max_length=300,
        required=False,
        help_text=_("Задължителен за заявление за достъп до обществена информация."),
    )

    # On behalf of a legal entity.
    organisation_name = forms.CharField(
        label=_("Наименование на организацията"), max_length=200, required=False
    )
    organisation_eik = forms.CharField(
        label=_("ЕИК / БУЛСТАТ"),
        max_length=13,
        required=False,
        validators=[validate_eik],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("9 или 13 цифри."),
    )
    organisation_address = forms.CharField(
        label=_("Адрес на управление"), max_length=300, required=False
    )
    organisation_role = forms.CharField(
        label=_("В качеството си на"),
        max_length=120,
        required=False,
        help_text=_("Напр. управител, председател, пълномощник."),
    )

    def __init__(self, *args, user=None, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "До %(max)s файла, всеки до %(mb)s MB: PDF, изображения (JPEG, PNG, WebP) или "
            "офис документи (Word, Excel, PowerPoint, OpenDocument)."
        ) % {
            "max": MAX_ATTACHMENTS,
            "mb": f"{settings.UPLOAD_MAX_DOCUMENT_BYTES / (1024 * 1024):g}",
        }
        self.fields["sender_name"].widget.attrs["autocomplete"] = "name"
        self.fields["sender_email"].widget.attrs["autocomplete"] = "email"
        self.fields["sender_address"].widget.attrs["autocomplete"] = "street-address"
        if user is not None and user.is_authenticated:
            self.fields["sender_name"].initial = user.get_full_name()
            self.fields["sender_email"].initial = user.email
            self.fields["sender_phone"].initial = str(user.phone) if user.phone else ""
        if company:
            # A company that eAuth named at sign-in: {"eik": …, "name": …}.
            self.fields["sender_type"].initial = Correspondence.SenderType.COMPANY
            self.fields["organisation_eik"].initial = company["eik"]
            self.fields["organisation_name"].initial = company["name"]

    def clean_organisation_eik(self) -> str:
        return self.cleaned_data["organisation_eik"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Correspondence.Kind.ACCESS_REQUEST:
            self._require(
                cleaned,
                {
                    "information_description": _("Опишете исканата информация."),
                    "access_form": _("Изберете предпочитаната форма на достъп."),
                    "sender_address": _("Посочете адрес за кореспонденция."),
                },
            )
        if cleaned.get("sender_type") in ORGANISATION_SENDER_TYPES:
            self._require(
                cleaned,
                {
                    "organisation_name": _("Посочете наименованието на организацията."),
                    "organisation_eik": _("Посочете ЕИК / БУЛСТАТ на организацията."),
                    "organisation_address": _("Посочете адреса на организацията."),
                    "organisation_role": _("Посочете в какво качество подавате документа."),
                },
            )
        return cleaned

    def _require(self, cleaned: dict, messages: dict) -> None:
        for field, message in messages.items():
            if not self.has_error(field) and not str(cleaned.get(field) or "").strip():
                self.add_error(field, message)

    def submission(self) -> dict:
        """Keyword arguments for ``correspondence_submit`` (without ``author``)."""
        data = self.cleaned_data
        submission = {
            "kind": data["kind"],
            "addressee": data["addressee"],
            "subject": data["subject"],
            "text": data["text"],
            "attachments": data["attachments"],
            "sender_type": data["sender_type"],
            "sender_name": data["sender_name"],
            "sender_email": data["sender_email"],
            "sender_phone": data["sender_phone"],
            "sender_address": data["sender_address"],
            "organisation": {
                key: data[f"organisation_{key}"].strip() for key in ORGANISATION_FIELDS
            },
        }
        if data["kind"] == Correspondence.Kind.ACCESS_REQUEST:
            submission["access"] = {
                "information_description": data["information_description"].strip(),
                "access_form": data["access_form"],
            }
        return submission
