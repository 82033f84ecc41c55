"""The citizen's form for a new report ("Подай сигнал")."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from obshtina.core.forms import PublicSubmissionForm, ServiceErrorsMixin
from obshtina.core.images import clean_image
from obshtina.core.phones import BulgarianPhoneTextField
from obshtina.core.uploads import MultipleFileInput, MultipleFilesField
from obshtina.organization.gazetteer import street_for_address
from obshtina.organization.models import Street
from obshtina.organization.selectors import settlements

from .models import Category, Report
from .services.alerts import RADII

PHOTOS_AGAIN = _("Прикачете снимките отново.")
URGENT_FIELD = "urgent"
ANSWER_PREFIX = "answer_"
URGENT_CHOICES = [("no", _("Не")), ("yes", _("Да"))]
ANSWER_MAX_LENGTH = 500

# A description of a few words: so many characters besides spaces and line breaks.
DESCRIPTION_MIN_CHARACTERS = 10
DESCRIPTION_TOO_SHORT = _(
    "Опишете проблема с няколко думи: поне %(min)s знака, без да броим интервалите."
)


def validate_description(text: str) -> None:
    """A description officials can act on: "Дупка" alone does not say where or what."""
    if sum(not character.isspace() for character in text) < DESCRIPTION_MIN_CHARACTERS:
        raise ValidationError(
            DESCRIPTION_TOO_SHORT, code="too_short", params={"min": DESCRIPTION_MIN_CHARACTERS}
        )


class PhotosField(MultipleFilesField):
    """Several photos in one input; cleans each to re-encoded JPEG bytes.

    The cleaned value is a list of ``bytes`` (see ``obshtina.core.images``).
    """

    # Without image/heic in "accept", iPhones convert their HEIC photos to JPEG on upload.
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    too_many = _("Може да прикачите най-много %(max)s снимки.")

    @property
    def max_files(self) -> int:
        return settings.REPORT_MAX_PHOTOS

    def clean_file(self, upload) -> bytes:
        return clean_image(upload)


class ReportForm(ServiceErrorsMixin, PublicSubmissionForm):
    """Category, description, place, photos and (optionally) who is writing.

    The map fills ``latitude``/``longitude``; without JavaScript the citizen
    types them or only picks a settlement, whose centre is then used. The
    place's errors (also the service's ``location`` error) are on ``latitude``.
    """

    service_field_of = {"location": "latitude"}
    is_urgent = False  # the chosen category's urgent danger stopped the form
    street_choices: list = []  # the streets a typed address may mean, to choose from
    channel = Report.Channel.WEB  # how the report came in

    honeypot_message = _(
        "Сигналът не е приет: попълнено е скритото поле „Оставете това поле "
        "празно“, което попълват само програми за спам. Ако сте човек, изчистете "
        "го или се обадете на контактния център."
    )

    category = forms.ModelChoiceField(
        label=_("Категория"),
        # With its unit: routing falls back to it, so a submission reads both at once.
        queryset=Category.objects.filter(is_active=True).select_related("unit"),
        empty_label=_("– изберете –"),
    )
    description = forms.CharField(
        label=_("Описание на проблема"),
        max_length=4000,
        validators=[validate_description],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Какво и къде точно? Не пишете лични данни – описанието е публично."),
    )
    latitude = forms.FloatField(
        label=_("Географска ширина"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Географска дължина"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    settlement = forms.ModelChoiceField(
        label=_("Населено място"),
        queryset=settlements(),
        required=False,
        empty_label=_("– не е избрано –"),
        help_text=_("Без карта: изберете населеното място, а в „Адрес“ уточнете мястото."),
    )
    address = forms.CharField(
        label=_("Адрес или ориентир"),
        max_length=300,
        required=False,
        help_text=_("Напр. „ул. Търговска, срещу пощата“."),
    )
    # Shown only when a typed address names several streets (``_street_of_address``).
    street = forms.ModelChoiceField(
        label=_("Коя улица?"),
        queryset=Street.objects.select_related("settlement"),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    photos = PhotosField(
        label=_("Снимки"),
        required=False,
    )
    name = forms.CharField(label=_("Име"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Имейл"),
        required=False,
        help_text=_("За да получите номера и известия за хода на сигнала."),
    )
    phone = BulgarianPhoneTextField(
        label=_("Телефон"),
        required=False,
        help_text=_("Български номер, напр. 0888 123 456."),
    )

    def __init__(self, *args, user=None, category: Category | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        minimum = _("Поне %(min)s знака.") % {"min": DESCRIPTION_MIN_CHARACTERS}
        self.fields["description"].help_text = f"{self.fields['description'].help_text} {minimum}"
        self.chosen_category = category or self._category_sent()
        self._add_category_fields(self.chosen_category)
        self.fields["photos"].help_text = _(
            "До %(max)s снимки (JPEG, PNG или WebP), всяка до %(mb)s MB. "
            "Данните за място и апарат (EXIF) се премахват."
        ) % {
            "max": settings.REPORT_MAX_PHOTOS,
            "mb": f"{settings.UPLOAD_MAX_IMAGE_BYTES / (1024 * 1024):g}",
        }

    def _category_sent(self) -> Category | None:
        """The category the citizen chose, read before validation: its questions are
        fields of this form (without JavaScript they appear after the first try)."""
        value = self.data.get("category") if self.is_bound else None
        if not value or not str(value).isdigit():
            return None
        return self.fields["category"].queryset.filter(pk=int(value)).first()

    def _add_category_fields(self, category: Category | None) -> None:
        if category is None:
            return
        if category.urgent_question:
            self.fields[URGENT_FIELD] = forms.ChoiceField(
                label=category.urgent_question,
                choices=URGENT_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Отговорете на този въпрос.")},
            )
        for question in category.questions.all():
            self.fields[f"{ANSWER_PREFIX}{question.pk}"] = forms.CharField(
                label=question.label,
                help_text=question.help_text,
                required=question.is_required,
                max_length=ANSWER_MAX_LENGTH,
                error_messages={"required": _("Отговорете на този въпрос.")},
            )

    @property
    def category_fields(self) -> list:
        """The bound fields the chosen category adds, in order."""
        return [
            self[name]
            for name in self.fields
            if name == URGENT_FIELD or name.startswith(ANSWER_PREFIX)
        ]

    def clean(self):
        cleaned = super().clean()  # refuses a filled honeypot
        category = cleaned.get("category")
        if category is not None and category.urgent_notice:
            urgent = cleaned.get(URGENT_FIELD)
            if not category.urgent_question or urgent == "yes":
                # Nothing is sent: the danger needs a call, not a report that waits.
                field = URGENT_FIELD if category.urgent_question else "category"
                self.add_error(field, category.urgent_notice)
                self.is_urgent = True
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if self.has_error("latitude") or self.has_error("longitude"):
            return cleaned
        if (latitude is None) != (longitude is None):
            self.add_error("latitude", _("Въведете и ширината, и дължината."))
        elif latitude is None:
            settlement = cleaned.get("settlement")
            street = self._street_of_address(cleaned) if settlement is None else None
            if street is not None:
                cleaned["latitude"] = float(street.latitude)
                cleaned["longitude"] = float(street.longitude)
                cleaned["settlement"] = street.settlement
            elif self.has_error("street"):
                pass  # the citizen chooses among the streets the address names
            elif settlement is None:
                self.add_error(
                    "latitude",
                    _("Отбележете мястото на картата или изберете населено място."),
                )
            else:
                cleaned["latitude"] = float(settlement.latitude)
                cleaned["longitude"] = float(settlement.longitude)
        return cleaned

    def _street_of_address(self, cleaned: dict) -> Street | None:
        """Without the map: the gazetteer street the address names, or the one the
        citizen picked; several that match come back as the ``street`` choices."""
        if cleaned.get("street") is not None:
            return cleaned["street"]
        streets = street_for_address(cleaned.get("address") or "")
        if len(streets) == 1:
            return streets[0]
        if streets:
            self.street_choices = streets
            self.fields["street"].queryset = Street.objects.filter(
                pk__in=[street.pk for street in streets]
            ).select_related("settlement")
            self.add_error("street", _("Адресът отговаря на няколко улици. Изберете коя."))
        return None

    def submission(self) -> dict:
        """Keyword arguments for ``report_submit`` (without ``author``)."""
        data = self.cleaned_data
        return {
            "category": data["category"],
            "description": data["description"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "settlement": data["settlement"],
            "address": data["address"],
            "photos": data.get("photos", []),
            "submitter_name": data["name"],
            "submitter_email": data["email"],
            "submitter_phone": data["phone"],
            "channel": self.channel,
            "answers": [
                {"question": self.fields[name].label, "answer": data[name].strip()}
                for name in self.fields
                if name.startswith(ANSWER_PREFIX) and data.get(name, "").strip()
            ],
        }


class AlertForm(forms.Form):
    """An alert for an area: a settlement, or a point with a radius (the site's page and
    the API's ``POST /alerts``)."""

    email = forms.EmailField(
        label=_("Имейл"),
        error_messages={
            "required": _("Напишете имейл адрес."),
            "invalid": _("Въведете валиден имейл адрес, напр. ivan@example.bg."),
        },
    )
    settlement = forms.ModelChoiceField(
        label=_("Населено място"),
        queryset=settlements(),
        required=False,
        empty_label=_("– или точка на картата –"),
    )
    latitude = forms.FloatField(
        label=_("Географска ширина"), required=False, min_value=-90, max_value=90
    )
    longitude = forms.FloatField(
        label=_("Географска дължина"), required=False, min_value=-180, max_value=180
    )
    radius = forms.TypedChoiceField(
        label=_("Радиус около точката"),
        choices=[(radius, _("%(metres)s м") % {"metres": radius}) for radius in RADII],
        coerce=int,
        initial=500,
    )
    category = forms.ModelChoiceField(
        label=_("Само за категория"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label=_("– всички категории –"),
    )

    def submission(self) -> dict:
        """Keyword arguments for ``area_alert_request`` (without ``user`` and ``language``)."""
        fields = ("email", "settlement", "latitude", "longitude", "radius", "category")
        return {name: self.cleaned_data[name] for name in fields}
