"""Forms of the schedule administration: details, weekly windows, days off,
groups, and the decision about meetings a change would strand."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from obshtina.organization.models import Unit

from .forms_staff import DATE_INPUT
from .models import Schedule, ScheduleGroup, Weekday
from .selectors_staff import staff_for_officials
from .services.schedules import (
    CANCEL,
    KEEP,
    SCHEDULE_FIELDS,
    WindowSpec,
    window_spec_check,
    windows_check,
)

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReminderHoursField(forms.CharField):
    """ "24, 2" ⇄ [24, 2]: hours before the meeting, as the administrator types them."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(hours) for hours in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        try:
            return [int(part) for part in parts]
        except ValueError as error:
            raise ValidationError(
                _("Въведете цели числа – часове преди срещата, разделени със запетая."),
                code="invalid",
            ) from error


class ScheduleForm(forms.ModelForm):
    slug = forms.SlugField(
        label=_("Адрес на страницата (по избор)"),
        required=False,
        allow_unicode=True,
        max_length=100,
        help_text=_("Напр. „glaven-arhitekt“. Оставете празно – ще се създаде от длъжността."),
    )
    officials = forms.ModelMultipleChoiceField(
        label=_("Отговорни служители"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Одобряват, отказват и записват срещите по този график."),
    )

    reminder_hours = ReminderHoursField(
        label=_("Напомняния (часа преди срещата)"),
        required=False,
        help_text=_(
            "Например „24, 2“: напомняне ден преди срещата и два часа преди нея. "
            "Празно – без напомняния."
        ),
    )

    class Meta:
        model = Schedule
        fields = [*SCHEDULE_FIELDS]
        widgets = {
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "order": _(
                "По-малкото число е по-напред в групата, напр. 10 за кмета, 20 за заместник."
            ),
        }

    def __init__(self, *args, schedule: Schedule | None = None, **kwargs):
        if schedule is not None:
            kwargs["initial"] = {
                **model_to_dict(schedule, fields=SCHEDULE_FIELDS),
                "officials": list(schedule.officials.all()),
            }
        kwargs.setdefault("auto_id", "id_details_%s")
        super().__init__(*args, **kwargs)
        if schedule is not None:
            del self.fields["slug"]
        self.fields["officials"].queryset = staff_for_officials(schedule)
        self.fields["officials"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} ({user.email})"
        )
        self.fields["group"].queryset = ScheduleGroup.objects.order_by("order", "name")
        current_unit = schedule.unit_id if schedule is not None else None
        self.fields["unit"].queryset = Unit.objects.filter(Q(is_active=True) | Q(pk=current_unit))

    @property
    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in SCHEDULE_FIELDS}


class WindowForm(forms.Form):
    """One row of the weekly windows; an untouched empty row is skipped."""

    weekday = forms.TypedChoiceField(
        label=_("Ден"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), *Weekday.choices],
    )
    start = forms.TimeField(label=_("Начало"), required=False, widget=TIME_INPUT)
    end = forms.TimeField(label=_("Край"), required=False, widget=TIME_INPUT)
    slot_minutes = forms.IntegerField(
        label=_("Среща (минути)"), required=False, min_value=5, max_value=480
    )
    break_start = forms.TimeField(label=_("Почивка от"), required=False, widget=TIME_INPUT)
    break_end = forms.TimeField(label=_("Почивка до"), required=False, widget=TIME_INPUT)

    REQUIRED = ("weekday", "start", "end", "slot_minutes")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        missing = [name for name in self.REQUIRED if cleaned.get(name) is None]
        for name in missing:
            self.add_error(name, _("Попълнете и това поле."))
        if missing:
            return cleaned
        spec = WindowSpec(**{name: cleaned[name] for name in WindowSpec.__dataclass_fields__})
        try:
            window_spec_check(spec)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                self.add_error(name, errors)
        else:
            cleaned["spec"] = spec
        return cleaned


class BaseWindowFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        try:
            windows_check(self.specs())
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def specs(self) -> list[WindowSpec]:
        return [
            form.cleaned_data["spec"]
            for form in self.forms
            if form.cleaned_data.get("spec") and not self._should_delete_form(form)
        ]


WindowFormSet = forms.formset_factory(
    WindowForm, formset=BaseWindowFormSet, extra=2, can_delete=True, max_num=50
)
# A new schedule gets a row for every working day, so a week is entered at once.
NewWindowFormSet = forms.formset_factory(
    WindowForm, formset=BaseWindowFormSet, extra=5, can_delete=True, max_num=50
)


def window_formset(data=None, *, schedule: Schedule | None = None) -> BaseWindowFormSet:
    initial = None
    if schedule is not None:
        initial = [
            {
                "weekday": window.weekday,
                "start": window.start,
                "end": window.end,
                "slot_minutes": window.slot_minutes,
                "break_start": window.break_start,
                "break_end": window.break_end,
            }
            for window in schedule.windows.all()
        ]
    formset_class = WindowFormSet if schedule is not None else NewWindowFormSet
    formset = formset_class(data, initial=initial, prefix="windows")
    for form in formset.forms:
        form.use_required_attribute = False
    return formset


class AbsenceForm(forms.Form):
    first_day = forms.DateField(label=_("От дата"), widget=DATE_INPUT)
    last_day = forms.DateField(label=_("До дата (включително)"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Причина (по избор)"),
        required=False,
        max_length=200,
        help_text=_("Напр. „отпуск“ или „командировка“. Гражданите виждат само, че няма прием."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_absence_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("Крайната дата е преди началната."))
        return cleaned


class ClashDecisionForm(forms.Form):
    """What happens to the meetings a change would strand; sent with the change again."""

    decision = forms.ChoiceField(
        label=_("Какво да стане със засегнатите срещи?"),
        widget=forms.RadioSelect,
        choices=[
            (KEEP, _("Запази срещите (ще се проведат въпреки промяната)")),
            (CANCEL, _("Анулирай ги с причина (гражданите ще бъдат уведомени)")),
        ],
        error_messages={"required": _("Изберете какво да стане със срещите.")},
    )
    cancel_reason = forms.CharField(
        label=_("Причина за анулирането"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Задължителна, ако анулирате. Гражданите ще я получат в известието."),
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, clashes=None, **kwargs):
        kwargs.setdefault("prefix", "clash")
        if clashes is not None:
            kwargs["initial"] = {"seen": ",".join(str(item.pk) for item in clashes)}
        super().__init__(*args, **kwargs)

    def clean_seen(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["seen"].split(",") if pk.strip().isdigit()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == CANCEL and not (cleaned.get("cancel_reason") or "").strip():
            self.add_error("cancel_reason", _("Посочете причина за анулирането."))
        return cleaned

    @property
    def decision_kwargs(self) -> dict:
        return {
            "on_clash": self.cleaned_data["decision"],
            "cancel_reason": self.cleaned_data["cancel_reason"],
            "seen_clashes": self.cleaned_data["seen"],
        }


class GroupForm(forms.ModelForm):
    class Meta:
        model = ScheduleGroup
        fields = ["name", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
