"""Forms of the officials' desk, a meeting's staff page and phone/counter booking.

The forms check what a form can (required fields, choices, formats); the rules
live in the services and come back as errors on these fields.
"""

from collections.abc import Iterable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.core.phones import phone_e164

from .models import Appointment, Schedule
from .selectors_staff import schedules_grouped
from .services.booking import DOCUMENT_NUMBER_MAX_LENGTH, TOPIC_MAX_LENGTH
from .services.decisions import REASON_MAX_LENGTH
from .slots import Slot, parse_slot_key
from .video import can_generate_video_link

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _check_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not phone_e164(value):
        raise forms.ValidationError(_("Въведете валиден телефонен номер, напр. 0888 123 456."))
    return value


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's error on the form field it names, or on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, error)


def slot_label(slot: Slot) -> str:
    return f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


def day_label(day: date) -> str:
    return date_format(day, "l, j F Y")


class ScheduleChoiceField(forms.ChoiceField):
    """A schedule picked from a menu grouped by schedule group; cleans to the Schedule."""

    def __init__(self, *, schedules: Iterable[Schedule] = (), **kwargs):
        super().__init__(**kwargs)
        self.set_schedules(schedules)

    def set_schedules(self, schedules: Iterable[Schedule], empty_label: str = "") -> None:
        schedules = list(schedules)
        self._by_pk = {str(schedule.pk): schedule for schedule in schedules}
        self.choices = [("", empty_label or _("— изберете график —"))] + [
            (group.name, [(str(schedule.pk), str(schedule)) for schedule in items])
            for group, items in schedules_grouped(schedules)
        ]

    def clean(self, value):
        value = super().clean(value)
        return self._by_pk.get(value) if value else None


class DeskFilterForm(forms.Form):
    schedule = ScheduleChoiceField(label=_("График"), required=False)
    day = forms.DateField(label=_("Ден"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, schedules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schedule"].set_schedules(schedules, empty_label=_("Всички мои графици"))


class VideoLinkForm(forms.Form):
    """A pasted link, or one generated with the configured provider."""

    video_url = forms.CharField(
        label=_("Връзка за видеосреща"),
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Поставете връзка от инструмента, с който ще проведете срещата."),
    )
    generate = forms.BooleanField(
        label=_("Генерирай видеовръзка"),
        required=False,
        help_text=_("Създава нова стая с услугата за видеосрещи на общината."),
    )
    link_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_generate_video_link():
            del self.fields["generate"]

    def clean(self):
        cleaned = super().clean()
        url, generate = cleaned.get("video_url"), cleaned.get("generate")
        if url and generate:
            raise forms.ValidationError(
                _("Или поставете връзка, или я генерирайте – не и двете."), code="both"
            )
        if self.link_required and not url and not generate and "video_url" not in self.errors:
            self.add_error("video_url", _("Въведете връзка или я генерирайте."))
        return cleaned


class ApproveForm(VideoLinkForm):
    link_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["video_url"].label = _("Връзка за видеосреща (по избор)")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Гражданинът ще я получи в известието."),
        error_messages={"required": _("Посочете причина.")},
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class RescheduleForm(forms.Form):
    slot = forms.ChoiceField(
        label=_("Нов час"),
        error_messages={
            "required": _("Изберете нов час."),
            "invalid_choice": _("Този час вече не е свободен. Изберете друг."),
        },
    )

    def __init__(self, *args, slot_days: list[tuple[date, list[Slot]]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", _("— изберете час —"))] + [
            (day_label(day), [(slot.key, slot_label(slot)) for slot in slots])
            for day, slots in slot_days
        ]

    def clean_slot(self):
        starts_at = parse_slot_key(self.cleaned_data["slot"])
        if starts_at is None:
            raise forms.ValidationError(_("Изберете нов час."))
        return starts_at


class BookingSearchForm(forms.Form):
    """Step one of booking for a caller: which schedule, and who is calling."""

    schedule = ScheduleChoiceField(label=_("График"), required=False)
    email = forms.EmailField(label=_("Имейл на гражданина"), required=False)
    phone = forms.CharField(
        label=_("Телефон на гражданина"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Име на гражданина"), required=False, max_length=200)

    def __init__(self, *args, schedules, **kwargs):
        kwargs.setdefault("auto_id", "search_%s")
        super().__init__(*args, **kwargs)
        self.fields["schedule"].set_schedules(schedules)

    def clean_phone(self):
        return _check_phone(self.cleaned_data["phone"])


WITHOUT_ACCOUNT = "none"


class BookingForm(forms.Form):
    """Step two: the slot, the person, and what the meeting is about."""

    slot = forms.CharField(
        label=_("Час"),
        error_messages={"required": _("Изберете свободен час.")},
    )
    account = forms.ChoiceField(
        label=_("Кой ще дойде на срещата?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Изберете регистрирания гражданин или „без профил“."),
            "invalid_choice": _(
                "Този профил не отговаря на въведените имейл и телефон. Изберете отново."
            ),
        },
    )
    citizen_name = forms.CharField(
        label=_("Име и фамилия"), required=False, max_length=200, widget=forms.TextInput()
    )
    citizen_phone = forms.CharField(
        label=_("Телефон"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    citizen_email = forms.EmailField(
        label=_("Имейл (по избор)"),
        required=False,
        help_text=_("С имейл гражданинът получава потвърждение и покана за календара."),
    )
    topic = forms.CharField(
        label=pgettext_lazy("meeting", "Тема на срещата"),
        max_length=TOPIC_MAX_LENGTH,
        error_messages={"required": _("Напишете темата на срещата.")},
    )
    document_number = forms.CharField(
        label=_("Номер на документ (по избор)"),
        required=False,
        max_length=DOCUMENT_NUMBER_MAX_LENGTH,
        help_text=_("Деловоден номер на преписката, по която е срещата, напр. С-2026-000123."),
    )
    wants_video = forms.BooleanField(label=_("Желае видеоконсултация"), required=False)
    channel = forms.ChoiceField(
        label=_("Как е записан часът?"),
        widget=forms.RadioSelect,
        choices=[
            (Appointment.Channel.PHONE, _("по телефона")),
            (Appointment.Channel.COUNTER, _("на гише")),
        ],
        initial=Appointment.Channel.PHONE,
    )

    def __init__(self, *args, matches: list, offers_video: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = {str(user.pk): user for user in matches}
        self.fields["account"].choices = [
            (str(user.pk), _account_label(user)) for user in matches
        ] + [(WITHOUT_ACCOUNT, _("Човек без профил (данните по-долу)"))]
        if not matches:
            self.fields["account"].initial = WITHOUT_ACCOUNT
        if not offers_video:
            del self.fields["wants_video"]

    def clean_citizen_phone(self):
        return _check_phone(self.cleaned_data["citizen_phone"])

    def clean_slot(self):
        starts_at = parse_slot_key(self.cleaned_data["slot"])
        if starts_at is None:
            raise forms.ValidationError(_("Изберете свободен час."))
        return starts_at

    def clean(self):
        cleaned = super().clean()
        # All the missing data at once; the booking service checks the same again.
        if cleaned.get("account") == WITHOUT_ACCOUNT:
            if not cleaned.get("citizen_name", "").strip() and "citizen_name" not in self.errors:
                self.add_error("citizen_name", _("Въведете името на гражданина."))
            if not cleaned.get("citizen_phone") and "citizen_phone" not in self.errors:
                self.add_error("citizen_phone", _("Въведете телефон за връзка."))
        return cleaned

    @property
    def citizen(self):
        """The chosen registered citizen, or None for a person without an account."""
        return self.matches.get(self.cleaned_data.get("account", ""))


def _account_label(user) -> str:
    details = [user.email]
    if user.phone:
        details.append(str(user.phone))
    return f"{user.get_full_name() or user.email} ({', '.join(details)})"
